package io.ecledger.api.retrieve;

import io.ecledger.api.asof.Snapshot;
import io.ecledger.ledger.command.Target;
import io.ecledger.ledger.event.NodeStatus;
import io.ecledger.ledger.event.OutputParts;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** The results buffer: what retrieve, subcluster retrieve and retrieve_node show. */
public final class Results {

    private final Jdbi jdbi;

    public Results(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * The latest command issued with exactly {@code commandText} since the last flush that {@code scope} shows
     * (broadcast: {@code retrieve}; subcluster: {@code subcluster retrieve}; unicast: {@code retrieve_node}),
     * with the lines of the nodes in scope; empty when there is none.
     */
    public Optional<CommandResults> retrieve(Target scope, String commandText, Instant now) {
        return retrieve(jdbi, scope, commandText, now);
    }

    /** As {@link #retrieve(Target, String, Instant)}, from {@code snapshot}'s projection at its moment. */
    public Optional<CommandResults> retrieve(Target scope, String commandText, Snapshot snapshot) {
        return retrieve(snapshot.projection(), scope, commandText, snapshot.now());
    }

    private static Optional<CommandResults> retrieve(Jdbi projection, Target scope, String commandText, Instant now) {
        return projection.inTransaction(handle -> {
            ResultsDao dao = handle.attach(ResultsDao.class);
            for (CommandRow command : dao.latestFirst(dao.currentEpoch(), commandText)) {
                List<NodeResult> lines = lines(dao, command, now);
                if (ResultLines.shown(scope, command.target(), lines)) {
                    return Optional.of(results(dao, command, lines).withNodes(ResultLines.inScope(scope, lines)));
                }
            }
            return Optional.<CommandResults>empty();
        });
    }

    /** One command with every node's line, whether or not the buffer was flushed since. */
    public Optional<CommandResults> command(UUID commandId, Instant now) {
        return jdbi.inTransaction(handle -> {
            ResultsDao dao = handle.attach(ResultsDao.class);
            return dao.command(commandId).map(command -> results(dao, command, lines(dao, command, now)));
        });
    }

    /** A node's whole output to a command: its answer's inline text and the parts after it, and whether all came. */
    public record Output(String text, int parts, int received) {

        /** Whether every part of it is in the views. */
        public boolean complete() {
            return received == parts;
        }
    }

    /** {@code node}'s whole output to {@code commandId}; empty when it has not answered. */
    public Optional<Output> output(UUID commandId, String node) {
        return jdbi.inTransaction(handle -> {
            ResultsDao dao = handle.attach(ResultsDao.class);
            return dao.inlineOutput(commandId, node).map(inline -> {
                List<String> parts = inline.outputParts() == 0 ? List.of() : dao.outputParts(commandId, node);
                return new Output(OutputParts.join(inline.output(), parts), inline.outputParts(), parts.size());
            });
        });
    }

    /** The latest command issued with exactly {@code commandText} since the last flush, to any target. */
    public Optional<UUID> latest(String commandText) {
        return jdbi.inTransaction(handle -> {
            ResultsDao dao = handle.attach(ResultsDao.class);
            return dao.latestFirst(dao.currentEpoch(), commandText).stream().findFirst().map(CommandRow::commandId);
        });
    }

    /** The distinct command texts issued since the last flush, sorted (for completion). */
    public List<String> commandTexts() {
        return jdbi.withExtension(ResultsDao.class, ResultsDao::commandTexts);
    }

    private static List<NodeResult> lines(ResultsDao dao, CommandRow command, Instant now) {
        UUID id = command.commandId();
        Map<Integer, CommandFacts.Released> released = new HashMap<>();
        dao.batches(id).forEach(batch -> released.put(batch.batch(),
                new CommandFacts.Released(batch.deliverBy(), batch.deadline())));
        Map<String, NodeStatus> progress = new HashMap<>();
        dao.progress(id).forEach(row -> progress.put(row.node(), row.status()));
        return ResultLines.lines(new CommandFacts(command.target(), dao.expected(id), released,
                dao.cancel(id).isPresent(), progress, dao.responses(id)), now);
    }

    private static CommandResults results(ResultsDao dao, CommandRow command, List<NodeResult> lines) {
        return new CommandResults(command.commandId(), command.ledgerOffset(), command.target(), command.commandText(),
                command.actor(), command.issuedAt(), command.deadline(), lines, command.rollout(),
                dao.cancel(command.commandId()), command.rerunOf());
    }
}
