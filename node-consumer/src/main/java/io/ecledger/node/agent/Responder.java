package io.ecledger.node.agent;

import io.ecledger.ledger.command.Target;
import io.ecledger.ledger.event.CommandIssued;
import io.ecledger.ledger.event.LedgerEvent;
import io.ecledger.ledger.event.NodeIdentity;
import io.ecledger.ledger.event.NodeResponse;
import io.ecledger.ledger.event.NodeStatus;
import io.ecledger.node.executor.ExecutionResult;
import io.ecledger.node.executor.Executor;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What one node answers to one ledger event: it runs the commands for it that name it among their expected nodes,
 * expires late ones and ignores the rest.
 */
final class Responder {

    private final NodeIdentity identity;
    private final Executor executor;
    private final Clock clock;

    Responder(NodeIdentity identity, Executor executor, Clock clock) {
        this.identity = Objects.requireNonNull(identity, "identity");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The node's answer to the event at ledger {@code offset}; empty when the event is no command for this node. */
    Optional<NodeResponse> respond(LedgerEvent event, long offset) {
        return commandFor(event).map(command -> answer(command, offset));
    }

    /**
     * The command in {@code event} when it targets this node and the manager expected this node to answer it (a
     * unicast to it always is): a node that joined after a broadcast was not expected, so it never answers history.
     */
    Optional<CommandIssued> commandFor(LedgerEvent event) {
        if (event.payload() instanceof CommandIssued command
                && command.target().includes(identity.node(), identity.subcluster())
                && (command.target() instanceof Target.Unicast || command.expectedNodes().contains(identity.node()))) {
            return Optional.of(command);
        }
        return Optional.empty();
    }

    /** The node's {@code REJECTED} answer to {@code command}, not run because of {@code reason}. */
    NodeResponse rejected(CommandIssued command, long offset, String reason) {
        Instant seen = clock.instant();
        return new NodeResponse(command.commandId(), offset, identity.node(), identity.subcluster(), NodeStatus.REJECTED,
                "not run: " + reason, seen, seen);
    }

    private NodeResponse answer(CommandIssued command, long offset) {
        Instant seen = clock.instant();
        if (seen.isAfter(command.deadline())) {
            return new NodeResponse(command.commandId(), offset, identity.node(), identity.subcluster(),
                    NodeStatus.EXPIRED, "not run: its deadline " + command.deadline() + " passed before " + identity.node()
                    + " saw it at " + seen, seen, seen);
        }
        ExecutionResult result;
        try {
            result = executor.run(command.commandText());
        } catch (RuntimeException e) {
            // executors answer failures as ERROR; one that throws is a bug, reported to the operator the same way
            result = ExecutionResult.error("the executor failed: " + e);
        }
        Instant finished = clock.instant();
        return new NodeResponse(command.commandId(), offset, identity.node(), identity.subcluster(),
                result.status().toNodeStatus(), result.output(), seen, finished.isBefore(seen) ? seen : finished);
    }
}
