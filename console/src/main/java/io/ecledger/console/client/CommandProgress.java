package io.ecledger.console.client;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** Where one issued command stands: the nodes it was sent to that have neither answered nor timed out yet. */
public record CommandProgress(UUID commandId, List<String> pending) {

    public CommandProgress {
        Objects.requireNonNull(commandId, "commandId");
        pending = List.copyOf(pending);
    }

    /** True once every node the command was sent to has answered or timed out. */
    public boolean settled() {
        return pending.isEmpty();
    }
}
