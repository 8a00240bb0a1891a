package io.ecledger.ledger.event;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One later batch of a rollout goes out: the nodes named run the command of the {@link CommandIssued} at
 * {@code commandOffset} as if it were issued to them now. It carries the text and deadlines, so agents keep no
 * rollout state.
 */
public record BatchReleased(UUID commandId, long commandOffset, int batch, List<String> nodes, String commandText,
                            Instant deliverBy, Instant deadline) implements Payload {

    public BatchReleased {
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(deliverBy, "deliverBy");
        Objects.requireNonNull(deadline, "deadline");
        if (commandOffset < 0) {
            throw new IllegalArgumentException("command offset must not be negative: " + commandOffset);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("batch 0 goes out with the command; a release counts from 1, not " + batch);
        }
        nodes = List.copyOf(nodes);
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("a batch releases at least one node");
        }
        if (commandText == null || commandText.isBlank()) {
            throw new IllegalArgumentException("command text must not be empty");
        }
        deliverBy = Millis.of(deliverBy);
        deadline = Millis.of(deadline);
    }

    @Override
    public String summary() {
        return "batch " + batch + " of " + commandId + " to " + String.join(",", nodes);
    }
}
