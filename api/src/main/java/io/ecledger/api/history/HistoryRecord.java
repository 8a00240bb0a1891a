package io.ecledger.api.history;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code history show OFFSET} shows: the ledger event at that offset — a command (kind {@code command}, with
 * every node's full output), a flush ({@code flush}), a configuration change ({@code config}), a command the policy
 * refused ({@value #DENIED}, with {@code denial}) or a policy load ({@value #POLICY}, with {@code policy}); or a record the
 * projection refused as not the manager's ({@value #NOT_FROM_MANAGER}, the reason in the summary, time null for
 * garbage).
 */
public record HistoryRecord(long offset, String kind, Instant time, String actor, String origin, String summary,
        Optional<HistoryPage.Entry> command, List<NotFromNode> quarantined, List<RefusedRecord> refused,
        Optional<HistoryPage.Denial> denial, Optional<Policy> policy) {

    /** The kind of a ledger record the projection quarantined: not signed by the manager or not linked on. */
    public static final String NOT_FROM_MANAGER = "not from the manager";
    /** The kind of a {@code CommandDenied}. */
    public static final String DENIED = "denied";
    /** The kind of a {@code PolicyLoaded}. */
    public static final String POLICY = "policy";

    public HistoryRecord {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(command, "command");
        quarantined = List.copyOf(quarantined);
        refused = List.copyOf(refused);
        Objects.requireNonNull(denial, "denial");
        Objects.requireNonNull(policy, "policy");
    }

    /**
     * A command, flush or config change, with what was quarantined in its nodes' names and the records claiming it
     * that its nodes refused.
     */
    public HistoryRecord(long offset, String kind, Instant time, String actor, String origin, String summary,
            Optional<HistoryPage.Entry> command, List<NotFromNode> quarantined, List<RefusedRecord> refused) {
        this(offset, kind, time, actor, origin, summary, command, quarantined, refused, Optional.empty(),
                Optional.empty());
    }

    /** A record with nothing quarantined or refused. */
    public HistoryRecord(long offset, String kind, Instant time, String actor, String origin, String summary,
            Optional<HistoryPage.Entry> command) {
        this(offset, kind, time, actor, origin, summary, command, List.of(), List.of());
    }

    /** The policy a {@code PolicyLoaded} put in force: its hash, where it was read from and its full text. */
    public record Policy(String sha256, String source, String text) {}

    /**
     * A response to this command written in {@code node}'s name but not signed by its accepted key: shown as not
     * from that node, never as its answer; where it was read and why it was refused.
     */
    public record NotFromNode(String node, String status, String reason, String topic, int partition, long offset) {}

    /**
     * A ledger record claiming this command that {@code node} refused to run (forged, copied, out of the chain): the
     * record's own offset and the node's word on it. It is not the node's answer, which names the command's offset.
     */
    public record RefusedRecord(String node, long recordOffset, String reason, Instant refusedAt) {}
}
