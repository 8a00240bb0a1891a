package io.ecledger.api.history;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code history show OFFSET} shows: the ledger event at that offset — a command (kind {@code command}, with
 * every node's full output), a flush ({@code flush}) or a configuration change ({@code config}).
 */
public record HistoryRecord(long offset, String kind, Instant time, String actor, String origin, String summary,
        Optional<HistoryPage.Entry> command) {

    public HistoryRecord {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(command, "command");
    }
}
