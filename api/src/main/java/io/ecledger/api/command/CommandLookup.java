package io.ecledger.api.command;

import io.ecledger.api.http.Refused;
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

    public CommandLookup(Results results, Clock clock) {
        this.results = results;
        this.clock = clock;
    }

    /** The command's results, empty when no command has that id; {@link Refused} when {@code commandId} is no UUID. */
    public Optional<CommandResults> command(String commandId) {
        UUID id;
        try {
            id = UUID.fromString(commandId);
        } catch (IllegalArgumentException e) {
            throw new Refused("invalid-command-id", "'" + commandId + "' is not a command id (a UUID)");
        }
        return results.command(id, clock.instant());
    }
}
