package io.ecledger.ledger.event;

import io.ecledger.ledger.command.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * A node console command sent to a target, with the nodes expected to answer it: all at once, or in batches
 * ({@link Rollout}), of which only the first goes out with this event.
 */
public record CommandIssued(
        UUID commandId,
        Target target,
        String commandText,
        List<String> expectedNodes,
        Instant deadline,
        OptionalLong replayOf,
        Optional<Instant> deliverBy,
        Optional<Rollout> rollout,
        Optional<UUID> rerunOf) implements Payload {

    public CommandIssued {
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(replayOf, "replayOf");
        Objects.requireNonNull(deliverBy, "deliverBy");
        Objects.requireNonNull(rollout, "rollout");
        Objects.requireNonNull(rerunOf, "rerunOf");
        if (commandText == null || commandText.isBlank()) {
            throw new IllegalArgumentException("command text must not be empty");
        }
        expectedNodes = List.copyOf(expectedNodes);
        deadline = Millis.of(deadline);
        deliverBy = deliverBy.map(Millis::of);
    }

    /** A command sent to every expected node at once, as before rollouts, delivery deadlines and reruns. */
    public CommandIssued(UUID commandId, Target target, String commandText, List<String> expectedNodes, Instant deadline,
            OptionalLong replayOf) {
        this(commandId, target, commandText, expectedNodes, deadline, replayOf, Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /**
     * How far after its event a command's deadline may lie before an agent with the default bound refuses to run it:
     * the manager gives 30 s; an hour leaves room for slow setups.
     */
    public static final Duration DEFAULT_DEADLINE_BOUND = Duration.ofHours(1);

    /** A command issued for the first time (not a replay). */
    public static CommandIssued of(Target target, String commandText, List<String> expectedNodes, Instant deadline) {
        return new CommandIssued(CommandIds.next(), target, commandText, expectedNodes, deadline, OptionalLong.empty());
    }

    /** By when a node must have started it, or it answers EXPIRED: the delivery deadline, else the deadline. */
    public Instant startBy() {
        return deliverBy.orElse(deadline);
    }

    /** The nodes this event itself releases: every expected node, or a rollout's first batch. */
    public List<String> releasedNodes() {
        if (rollout.isEmpty()) {
            return expectedNodes;
        }
        List<List<String>> batches = rollout.get().batches(expectedNodes);
        return batches.isEmpty() ? List.of() : batches.get(0);
    }

    /** This command with {@code newRollout}. */
    public CommandIssued withRollout(Rollout newRollout) {
        return new CommandIssued(commandId, target, commandText, expectedNodes, deadline, replayOf, deliverBy,
                Optional.of(newRollout), rerunOf);
    }

    @Override
    public String summary() {
        return "command " + commandId + " to " + target.describe() + ": " + commandText
                + rollout.map(r -> " (" + r.asTyped() + ")").orElse("")
                + rerunOf.map(id -> " (rerun of " + id + ")").orElse("");
    }
}
