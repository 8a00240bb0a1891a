package io.ecledger.ledger.event;

import io.ecledger.ledger.command.Names;
import io.ecledger.ledger.command.Origin;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** One record of the ledger: who did what, when, from where, chained to its predecessor, sealed by the manager. */
public record LedgerEvent(
        UUID eventId,
        Instant occurredAt,
        String actor,
        Origin origin,
        Hash prevHash,
        Hash hash,
        Payload payload,
        Seal seal) {

    public LedgerEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(prevHash, "prevHash");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(seal, "seal");
        occurredAt = Millis.of(occurredAt);
        if (actor == null || actor.isBlank()) {
            throw new IllegalArgumentException("every ledger event needs an actor");
        }
        Names.requireWord("actor", actor);
    }

    /** An unsigned event, as written before events were signed (and by tools and tests that only read). */
    public LedgerEvent(UUID eventId, Instant occurredAt, String actor, Origin origin, Hash prevHash, Hash hash,
            Payload payload) {
        this(eventId, occurredAt, actor, origin, prevHash, hash, payload, Seal.NONE);
    }

    /** This event with its own hash set. */
    public LedgerEvent withHash(Hash newHash) {
        return new LedgerEvent(eventId, occurredAt, actor, origin, prevHash, newHash, payload, seal);
    }

    /** This event with {@code newSeal}. */
    public LedgerEvent withSeal(Seal newSeal) {
        return new LedgerEvent(eventId, occurredAt, actor, origin, prevHash, hash, payload, newSeal);
    }
}
