package io.ecledger.api.retrieve;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.ecledger.ledger.command.Target;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What retrieve shows for one issued command: the command (how it went out, whether it was cancelled, what it
 * re-runs), and one line per node in scope.
 */
public record CommandResults(UUID commandId, long ledgerOffset, Target target, String commandText, String actor,
                             Instant issuedAt, Instant deadline, List<NodeResult> nodes, Optional<String> rollout,
                             Optional<Cancel> cancel, Optional<UUID> rerunOf) {

    /** Who cancelled a command, when, and why. */
    public record Cancel(long ledgerOffset, Instant cancelledAt, String actor, String reason) {}

    public CommandResults {
        nodes = List.copyOf(nodes);
        Objects.requireNonNull(rollout, "rollout");
        Objects.requireNonNull(cancel, "cancel");
        Objects.requireNonNull(rerunOf, "rerunOf");
    }

    /** A command sent to every node at once, not cancelled, re-running nothing. */
    public CommandResults(UUID commandId, long ledgerOffset, Target target, String commandText, String actor,
            Instant issuedAt, Instant deadline, List<NodeResult> nodes) {
        this(commandId, ledgerOffset, target, commandText, actor, issuedAt, deadline, nodes, Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    /** How many nodes are in each {@link NodeResult#phase()}, in phase order. */
    @JsonProperty("counts")
    public PhaseCounts counts() {
        return PhaseCounts.of(nodes.stream().map(NodeResult::phase));
    }

    /** Whether every node is done: nothing more is expected of any. */
    @JsonProperty("settled")
    public boolean settled() {
        return nodes.stream().allMatch(node -> node.state().done());
    }

    /** This command with only {@code shown} of its lines. */
    public CommandResults withNodes(List<NodeResult> shown) {
        return new CommandResults(commandId, ledgerOffset, target, commandText, actor, issuedAt, deadline, shown, rollout,
                cancel, rerunOf);
    }
}
