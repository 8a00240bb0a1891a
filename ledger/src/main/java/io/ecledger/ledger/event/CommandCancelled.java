package io.ecledger.ledger.event;

import java.util.Objects;
import java.util.UUID;

/** A command called off: its unreleased batches never go out, and nodes that have not started it answer CANCELLED. */
public record CommandCancelled(UUID commandId, String reason) implements Payload {

    public CommandCancelled {
        Objects.requireNonNull(commandId, "commandId");
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a cancel says why");
        }
    }

    @Override
    public String summary() {
        return "cancel " + commandId + ": " + reason;
    }
}
