package io.ecledger.ledger.event;

import io.ecledger.ledger.command.Origin;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** One record of the ledger: who did what, when, from where, chained to its predecessor. */
public record LedgerEvent(
        UUID eventId,
        Instant occurredAt,
        String actor,
        Origin origin,
        Hash prevHash,
        Hash hash,
        Payload payload) {

    public LedgerEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(prevHash, "prevHash");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(payload, "payload");
        occurredAt = Millis.of(occurredAt);
        if (actor == null || actor.isBlank()) {
            throw new IllegalArgumentException("every ledger event needs an actor");
        }
    }

    /** This event with its own hash set. */
    public LedgerEvent withHash(Hash newHash) {
        return new LedgerEvent(eventId, occurredAt, actor, origin, prevHash, newHash, payload);
    }
}
