package io.ecledger.api.retrieve;

import io.ecledger.ledger.event.NodeStatus;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** One node's line in a retrieve: its answer, or that it has not answered yet, or that it timed out. */
public record NodeResult(String node, String subcluster, State state, Optional<NodeStatus> status,
                         Optional<String> output, Optional<Instant> finishedAt) {

    /** Where a node stands on a command. */
    public enum State { ANSWERED, PENDING, TIMED_OUT }

    public NodeResult {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(subcluster, "subcluster");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(finishedAt, "finishedAt");
        if ((state == State.ANSWERED) != status.isPresent()) {
            throw new IllegalArgumentException("node " + node + " is " + state + " but status is " + status);
        }
    }
}
