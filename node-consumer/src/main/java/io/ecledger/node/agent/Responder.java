package io.ecledger.node.agent;

import io.ecledger.ledger.event.LedgerEvent;
import io.ecledger.ledger.event.NodeIdentity;
import io.ecledger.ledger.event.NodeResponse;
import io.ecledger.ledger.event.NodeStatus;
import io.ecledger.node.executor.ExecutionResult;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What one node says about its tasks: which ledger events give it one ({@link Task#of}), and the words of its
 * answers (run, refused, expired, cancelled) and of its progress (delivered, running).
 */
final class Responder {

    private final NodeIdentity identity;
    private final Clock clock;

    Responder(NodeIdentity identity, Clock clock) {
        this.identity = Objects.requireNonNull(identity, "identity");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The task {@code event} at ledger {@code offset} gives this node; empty when it gives none. */
    Optional<Task> taskFor(LedgerEvent event, long offset) {
        return Task.of(event, offset, identity);
    }

    /**
     * The node's {@code REJECTED} word on the ledger record at {@code recordOffset} that gave it {@code task}, not run
     * because of {@code reason}. It names the refused record, not the command: a forged or copied record claiming a
     * real command's id is reported, and the manager still takes the node's answer to the command's own record.
     */
    NodeResponse rejected(Task task, long recordOffset, String reason) {
        Instant seen = clock.instant();
        return new NodeResponse(task.commandId(), recordOffset, identity.node(), identity.subcluster(),
                NodeStatus.REJECTED, "not run: " + reason, seen, seen);
    }

    /** The {@code EXPIRED} answer when this node saw {@code task} only after it should have started it. */
    Optional<NodeResponse> expired(Task task) {
        Instant seen = clock.instant();
        if (!seen.isAfter(task.startBy())) {
            return Optional.empty();
        }
        return Optional.of(response(task, NodeStatus.EXPIRED, "not run: it had to start by " + task.startBy()
                + " and " + identity.node() + " saw it at " + seen, seen, seen));
    }

    /** The {@code CANCELLED} answer to a task this node had not started when it learned of the cancel. */
    NodeResponse cancelledBeforeStart(Task task, String cancel) {
        Instant seen = clock.instant();
        return response(task, NodeStatus.CANCELLED, "not run: " + cancel, seen, seen);
    }

    /** The answer to {@code task} after it ran from {@code started}: its result, or CANCELLED when it was stopped. */
    NodeResponse ran(Task task, Instant started, CommandRunner.Outcome outcome) {
        Instant finished = clock.instant();
        Instant end = finished.isBefore(started) ? started : finished;
        if (outcome instanceof CommandRunner.Outcome.Finished done) {
            return response(task, done.result().status().toNodeStatus(), done.result().output(), started, end);
        }
        if (outcome instanceof CommandRunner.Outcome.Stopped stopped) {
            ExecutionResult said = stopped.result();
            return response(task, NodeStatus.CANCELLED, "stopped while running: " + stopped.cancel()
                    + (said.output().isEmpty() ? "" : "\n" + said.output()), started, end);
        }
        throw new AssertionError("unmapped outcome " + outcome);
    }

    /** A word that this node got as far as {@code progress} (DELIVERED or RUNNING) with {@code task}: no answer. */
    NodeResponse progress(Task task, NodeStatus progress) {
        if (progress.isAnswer()) {
            throw new IllegalArgumentException(progress + " is an answer, not progress");
        }
        Instant now = clock.instant();
        return response(task, progress, "", now, now);
    }

    private NodeResponse response(Task task, NodeStatus status, String output, Instant started, Instant finished) {
        return new NodeResponse(task.commandId(), task.commandOffset(), identity.node(), identity.subcluster(), status,
                output, started, finished);
    }
}
