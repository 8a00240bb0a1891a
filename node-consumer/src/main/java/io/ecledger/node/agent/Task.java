package io.ecledger.node.agent;

import io.ecledger.ledger.command.Target;
import io.ecledger.ledger.event.BatchReleased;
import io.ecledger.ledger.event.CommandIssued;
import io.ecledger.ledger.event.LedgerEvent;
import io.ecledger.ledger.event.NodeIdentity;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A command this node is to run, as one ledger event released it: a {@link CommandIssued} it was expected to answer
 * (in the first batch, for a rollout), or a {@link BatchReleased} naming it. {@code commandOffset} is where the
 * command was issued, which its answer names.
 */
record Task(UUID commandId, long commandOffset, String commandText, Instant startBy, Instant deadline) {

    Task {
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(commandText, "commandText");
        Objects.requireNonNull(startBy, "startBy");
        Objects.requireNonNull(deadline, "deadline");
    }

    /**
     * The task {@code event} at ledger {@code offset} gives {@code identity}'s node: a command targeting it that the
     * manager expected it to answer (a unicast to it always is) and released to it now. A node that joined after a
     * broadcast was not expected, so it never answers history.
     */
    static Optional<Task> of(LedgerEvent event, long offset, NodeIdentity identity) {
        if (event.payload() instanceof CommandIssued command
                && command.target().includes(identity.node(), identity.subcluster())
                && (command.target() instanceof Target.Unicast || command.releasedNodes().contains(identity.node()))) {
            return Optional.of(new Task(command.commandId(), offset, command.commandText(), command.startBy(),
                    command.deadline()));
        }
        if (event.payload() instanceof BatchReleased batch && batch.nodes().contains(identity.node())) {
            return Optional.of(new Task(batch.commandId(), batch.commandOffset(), batch.commandText(), batch.deliverBy(),
                    batch.deadline()));
        }
        return Optional.empty();
    }
}
