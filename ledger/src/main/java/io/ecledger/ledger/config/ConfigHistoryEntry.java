package io.ecledger.ledger.config;

import io.ecledger.ledger.event.ConfigChanged;
import java.time.Instant;
import java.util.Objects;

/** One {@link ConfigChanged} as the ledger holds it: where, when and by whom. */
public record ConfigHistoryEntry(long offset, Instant occurredAt, String actor, String origin, ConfigChanged change) {

    public ConfigHistoryEntry {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0, got " + offset);
        }
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(change, "change");
    }
}
