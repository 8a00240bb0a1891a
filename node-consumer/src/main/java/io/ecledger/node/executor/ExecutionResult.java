package io.ecledger.node.executor;

import io.ecledger.ledger.event.NodeStatus;
import java.util.Objects;

/** What running one command gave: how it ended and the console's output. */
public record ExecutionResult(Status status, String output) {

    /** How a command ended on the node. */
    public enum Status {
        /** It ran; the output is the console's answer. */
        OK(NodeStatus.OK),
        /** It ran and failed, or could not be run. */
        ERROR(NodeStatus.ERROR),
        /** The node refused it (malformed or not allowed) without running it. */
        REJECTED(NodeStatus.REJECTED);

        private final NodeStatus nodeStatus;

        Status(NodeStatus nodeStatus) {
            this.nodeStatus = nodeStatus;
        }

        /** The status a {@code NodeResponse} carries for this outcome. */
        public NodeStatus toNodeStatus() {
            return nodeStatus;
        }
    }

    public ExecutionResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(output, "output");
    }

    /** A command that ran and printed {@code output}. */
    public static ExecutionResult ok(String output) {
        return new ExecutionResult(Status.OK, output);
    }

    /** A command that failed, with the reason. */
    public static ExecutionResult error(String output) {
        return new ExecutionResult(Status.ERROR, output);
    }

    /** A command the node refused, with the reason. */
    public static ExecutionResult rejected(String output) {
        return new ExecutionResult(Status.REJECTED, output);
    }
}
