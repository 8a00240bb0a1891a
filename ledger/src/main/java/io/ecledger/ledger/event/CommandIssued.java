package io.ecledger.ledger.event;

import io.ecledger.ledger.command.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.UUID;

/** A node console command sent to a target, with the nodes expected to answer it. */
public record CommandIssued(
        UUID commandId,
        Target target,
        String commandText,
        List<String> expectedNodes,
        Instant deadline,
        OptionalLong replayOf) implements Payload {

    public CommandIssued {
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(replayOf, "replayOf");
        if (commandText == null || commandText.isBlank()) {
            throw new IllegalArgumentException("command text must not be empty");
        }
        expectedNodes = List.copyOf(expectedNodes);
        deadline = Millis.of(deadline);
    }

    /**
     * How far after its event a command's deadline may lie before an agent with the default bound refuses to run it:
     * the manager gives 30 s; an hour leaves room for slow setups.
     */
    public static final Duration DEFAULT_DEADLINE_BOUND = Duration.ofHours(1);

    /** A command issued for the first time (not a replay). */
    public static CommandIssued of(Target target, String commandText, List<String> expectedNodes, Instant deadline) {
        return new CommandIssued(UUID.randomUUID(), target, commandText, expectedNodes, deadline, OptionalLong.empty());
    }

    @Override
    public String summary() {
        return "command " + commandId + " to " + target.describe() + ": " + commandText;
    }
}
