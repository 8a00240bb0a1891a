package io.ecledger.api.command;

import io.ecledger.api.retrieve.CommandResults;
import java.util.Optional;
import java.util.UUID;

/**
 * One issued command's results by its id, as of now: what {@code GET /v1/commands/{id}} answers, and the control
 * listener's {@code \0command ID} for consoles on the socket that follow a command with {@code --wait}.
 */
@FunctionalInterface
public interface CommandLookup {

    /** The command's results, or empty when no command has that id. */
    Optional<CommandResults> command(UUID commandId);
}
