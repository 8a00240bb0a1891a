package io.ecledger.api.command;

import io.ecledger.api.http.Refused;
import io.ecledger.api.projection.OwnWrites;
import io.ecledger.api.retrieve.CommandResults;
import io.ecledger.api.retrieve.Results;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * One issued command's results by its id, as of now: what {@code GET /v1/commands/{id}} answers, and the control
 * listener's {@code \0command ID} for consoles on the socket that follow a command with {@code --wait}.
 */
public final class CommandLookup {

    private final Results results;
    private final Clock clock;
    private final OwnWrites ownWrites;

    public CommandLookup(Results results, Clock clock) {
        this(results, clock, OwnWrites.none());
    }

    /**
     * As above; a command the projection does not hold yet is looked up again after {@code ownWrites}, so the id a
     * 202 just answered is found although the append did not wait for the projection.
     */
    public CommandLookup(Results results, Clock clock, OwnWrites ownWrites) {
        this.results = results;
        this.clock = clock;
        this.ownWrites = ownWrites;
    }

    /** {@code node}'s whole output to the command, empty when it has not answered it. */
    public Optional<Results.Output> output(String commandId, String node) {
        return results.output(id(commandId), node);
    }

    /** {@code commandId} as a command id; {@link Refused} ({@code invalid-command-id}) when it is no UUID. */
    public static UUID id(String commandId) {
        try {
            return UUID.fromString(commandId);
        } catch (IllegalArgumentException e) {
            throw new Refused("invalid-command-id", "'" + commandId + "' is not a command id (a UUID)");
        }
    }

    /** The command's results, empty when no command has that id; {@link Refused} when {@code commandId} is no UUID. */
    public Optional<CommandResults> command(String commandId) {
        UUID id = id(commandId);
        Optional<CommandResults> found = results.command(id, clock.instant());
        if (found.isPresent()) {
            return found;
        }
        ownWrites.await();
        return results.command(id, clock.instant());
    }
}
