package io.ecledger.api.history;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.ecledger.api.retrieve.CommandResults;
import io.ecledger.api.retrieve.NodeResult;
import io.ecledger.api.retrieve.PhaseCounts;
import io.ecledger.ledger.command.Target;
import io.ecledger.ledger.event.NodeStatus;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One page of {@code history}: how many match in all, and this page's entries: issued commands, or with
 * {@code --status denied} the commands the policy refused ({@code denied}; {@code entries} is then empty).
 */
public record HistoryPage(long total, int page, int limit, boolean oldestFirst, List<Entry> entries, List<Denial> denied) {

    public HistoryPage {
        entries = List.copyOf(entries);
        denied = List.copyOf(denied);
    }

    /** A page of issued commands. */
    public HistoryPage(long total, int page, int limit, boolean oldestFirst, List<Entry> entries) {
        this(total, page, limit, oldestFirst, entries, List.of());
    }

    /** The number of pages the matching commands fill (at least 1). */
    public long pages() {
        return Math.max(1, (total + limit - 1) / limit);
    }

    /** One issued command: where it is on the ledger, who sent what where, and each node's line. */
    public record Entry(long offset, UUID commandId, Instant issuedAt, String actor, String origin, Target target,
            String commandText, Instant deadline, Optional<Long> replayOf, boolean flushed, List<Node> nodes,
            Optional<String> rollout, Optional<CommandResults.Cancel> cancel, Optional<UUID> rerunOf) {

        public Entry {
            nodes = List.copyOf(nodes);
            Objects.requireNonNull(rollout, "rollout");
            Objects.requireNonNull(cancel, "cancel");
            Objects.requireNonNull(rerunOf, "rerunOf");
        }

        /** How many nodes are in each phase: the status of an answer ({@code ok}, …), else the state ({@code running}, …). */
        @JsonProperty("counts")
        public PhaseCounts counts() {
            return PhaseCounts.of(nodes.stream().map(Node::phase));
        }
    }

    /** A command the policy refused (a {@code CommandDenied}): who tried which line, the rule and the answer given. */
    public record Denial(long offset, Instant deniedAt, String actor, String origin, String line, String rule,
            String reason) {}

    /**
     * One node's standing on a command: its {@link NodeResult.State}, its {@link NodeResult#phase() phase}; when
     * answered its status and output (the first line in a listing, all of it in {@code history show}).
     */
    public record Node(String node, String subcluster, NodeResult.State state, String phase, Optional<NodeStatus> status,
            Optional<String> output, Optional<Instant> finishedAt) {

        static Node of(NodeResult result, boolean firstLineOnly) {
            return new Node(result.node(), result.subcluster(), result.state(), result.phase(), result.status(),
                    firstLineOnly ? result.output().map(Node::firstLine) : result.output(), result.finishedAt());
        }

        static String firstLine(String output) {
            int end = output.indexOf('\n');
            return (end < 0 ? output : output.substring(0, end)).stripTrailing();
        }
    }
}
