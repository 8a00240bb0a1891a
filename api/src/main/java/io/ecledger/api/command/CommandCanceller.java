package io.ecledger.api.command;

import io.ecledger.api.http.Refused;
import io.ecledger.api.projection.OwnWrites;
import io.ecledger.api.projection.Projection;
import io.ecledger.api.retrieve.CommandResults;
import io.ecledger.api.retrieve.Results;
import io.ecledger.ledger.command.Command;
import io.ecledger.ledger.command.Origin;
import io.ecledger.ledger.event.CommandCancelled;
import io.ecledger.ledger.kafka.Ledger;
import io.ecledger.ledger.kafka.LedgerEntry;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends a {@link CommandCancelled} for a command that still has something to call off; a cancel of an unknown,
 * finished or already cancelled command is refused with the reason, and nothing is appended.
 */
public final class CommandCanceller {

    private static final Logger LOG = LoggerFactory.getLogger(CommandCanceller.class);
    /** The actor of a cancel the manager appends when a rollout spent its error budget. */
    public static final String ERROR_BUDGET = "error-budget";

    /** What a cancel did: the command it called off and where the cancel stands on the ledger. */
    public record Cancelled(UUID commandId, long ledgerOffset, String commandText) {}

    private final Ledger ledger;
    private final Projection projection;
    private final Results results;
    private final Clock clock;
    private final OwnWrites ownWrites;

    public CommandCanceller(Ledger ledger, Projection projection, Results results, Clock clock) {
        this.ledger = ledger;
        this.projection = projection;
        this.results = results;
        this.clock = clock;
        this.ownWrites = projection.ownWrites();
    }

    /** Cancels what {@code cancel} names, for {@code actor}, saying {@code reason}. */
    public Cancelled cancel(Command.Cancel cancel, String reason, String actor, Origin origin) {
        // a command just issued is cancellable at once, before the projection caught up
        ownWrites.await();
        UUID id = cancel.commandId().or(() -> cancel.latestOf().flatMap(results::latest))
                .orElseThrow(() -> new Refused("no-such-command", "no command '" + cancel.latestOf().orElseThrow()
                        + "' was issued since the last flush: nothing to cancel"));
        CommandResults command = results.command(id, clock.instant())
                .orElseThrow(() -> new Refused("no-such-command", "no command " + id + ": nothing to cancel"));
        Optional<CommandResults.Cancel> earlier = command.cancel();
        if (earlier.isPresent()) {
            throw new Refused("already-cancelled", "command " + id + " was cancelled by " + earlier.get().actor()
                    + " at " + earlier.get().cancelledAt() + " (ledger offset " + earlier.get().ledgerOffset() + ")");
        }
        if (command.settled()) {
            throw new Refused("nothing-to-cancel", "command " + id + " is done on every node ("
                    + command.counts().text() + "): nothing to cancel");
        }
        return append(new CommandCancelled(id, reason), actor, origin, command.commandText());
    }

    /** Cancels {@code commandId} without the checks, as the manager itself does when an error budget is spent. */
    public Cancelled cancelNow(UUID commandId, String reason, String commandText) {
        return append(new CommandCancelled(commandId, reason), ERROR_BUDGET, Origin.SYSTEM, commandText);
    }

    private Cancelled append(CommandCancelled cancel, String actor, Origin origin, String commandText) {
        LedgerEntry entry = ledger.appendEntry(actor, origin, cancel);
        projection.appended(entry.offset());
        LOG.info("command cancelled commandId={} offset={} actor={} reason={}", cancel.commandId(), entry.offset(),
                actor, cancel.reason());
        return new Cancelled(cancel.commandId(), entry.offset(), commandText);
    }
}
