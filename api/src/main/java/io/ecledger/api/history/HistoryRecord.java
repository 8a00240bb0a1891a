package io.ecledger.api.history;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code history show OFFSET} shows: the ledger event at that offset — a command (kind {@code command}, with
 * every node's full output), a flush ({@code flush}) or a configuration change ({@code config}); or a record the
 * projection refused as not the manager's ({@value #NOT_FROM_MANAGER}, the reason in the summary, time null for
 * garbage).
 */
public record HistoryRecord(long offset, String kind, Instant time, String actor, String origin, String summary,
        Optional<HistoryPage.Entry> command, List<NotFromNode> quarantined) {

    /** The kind of a ledger record the projection quarantined: not signed by the manager or not linked on. */
    public static final String NOT_FROM_MANAGER = "not from the manager";

    public HistoryRecord {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(command, "command");
        quarantined = List.copyOf(quarantined);
    }

    /** A record with nothing quarantined. */
    public HistoryRecord(long offset, String kind, Instant time, String actor, String origin, String summary,
            Optional<HistoryPage.Entry> command) {
        this(offset, kind, time, actor, origin, summary, command, List.of());
    }

    /**
     * A response to this command written in {@code node}'s name but not signed by its accepted key: shown as not
     * from that node, never as its answer; where it was read and why it was refused.
     */
    public record NotFromNode(String node, String status, String reason, String topic, int partition, long offset) {}
}
