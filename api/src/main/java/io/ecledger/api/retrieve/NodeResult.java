package io.ecledger.api.retrieve;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.ecledger.ledger.event.NodeStatus;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One node's line on a command: its answer, or how far it got as the events say, with the batch of a rollout it is
 * in (0 when the command went to every node at once); an answer's {@code output} is what it carried inline, with
 * {@code outputParts} more parts after it ({@link Results#output}).
 */
public record NodeResult(String node, String subcluster, State state, Optional<NodeStatus> status,
                         Optional<String> output, Optional<Instant> finishedAt, int batch, int outputParts) {

    /** Where a node stands on a command, derived from the ledger and the node's own words, never guessed. */
    public enum State {
        /** It answered; the status says how. */
        ANSWERED(true),
        /** Its batch of a rollout has not been released yet. */
        WAITING(false),
        /** Released to it; no word from it yet, and its delivery deadline has not passed. */
        PENDING(false),
        /** It said it has the command, queued behind another. */
        DELIVERED(false),
        /** It said it is running the command. */
        RUNNING(false),
        /** No word from it by its delivery deadline: as far as anyone knows, it never got the command. */
        UNDELIVERED(true),
        /** It got the command (it said so) but did not answer by the deadline. */
        TIMED_OUT(true),
        /** Its batch was never released: the command was cancelled first. */
        CANCELLED(true);

        private final boolean done;

        State(boolean done) {
            this.done = done;
        }

        /** Whether nothing more is expected of the node: a follow ends, a batch is settled, when every node is done. */
        public boolean done() {
            return done;
        }
    }

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

    /** A line of a command sent to every node at once. */
    public NodeResult(String node, String subcluster, State state, Optional<NodeStatus> status, Optional<String> output,
            Optional<Instant> finishedAt) {
        this(node, subcluster, state, status, output, finishedAt, 0, 0);
    }

    /** A line with its answer's output all inline. */
    public NodeResult(String node, String subcluster, State state, Optional<NodeStatus> status, Optional<String> output,
            Optional<Instant> finishedAt, int batch) {
        this(node, subcluster, state, status, output, finishedAt, batch, 0);
    }

    /** This line with {@code whole} as its output, every part of it joined in. */
    public NodeResult withWholeOutput(String whole) {
        return new NodeResult(node, subcluster, state, status, Optional.of(whole), finishedAt, batch, 0);
    }

    /**
     * The one word counts are kept by: the status of an answer ({@code ok}, {@code error}, {@code cancelled}, …), else
     * the state ({@code pending}, {@code running}, {@code timed_out}, …).
     */
    @JsonProperty("phase")
    public String phase() {
        return (state == State.ANSWERED ? status.orElseThrow().name() : state.name()).toLowerCase(Locale.ROOT);
    }

    /** Whether the node failed the command, as an error budget counts it: anything but OK once it is done. */
    @JsonIgnore
    public boolean failed() {
        return state.done() && state != State.CANCELLED
                && !(state == State.ANSWERED && (status.orElseThrow() == NodeStatus.OK
                        || status.orElseThrow() == NodeStatus.CANCELLED));
    }
}
