package io.ecledger.ledger.event;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import io.ecledger.ledger.command.SendOptions;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How a command goes out in batches: its expected nodes in their order, {@code batchSize} at a time, each batch once the
 * one before settled and {@code batchWait} passed; when more than {@code maxErrors} nodes failed, the rest is cancelled.
 */
public record Rollout(int batchSize, Duration batchWait, OptionalInt maxErrors, String asTyped) {

    public Rollout {
        Objects.requireNonNull(batchWait, "batchWait");
        Objects.requireNonNull(maxErrors, "maxErrors");
        Objects.requireNonNull(asTyped, "asTyped");
        if (batchSize < 1) {
            throw new IllegalArgumentException("a batch holds at least one node, not " + batchSize);
        }
        if (batchWait.isNegative()) {
            throw new IllegalArgumentException("the wait between batches cannot be negative: " + batchWait);
        }
        if (maxErrors.isPresent() && maxErrors.getAsInt() < 0) {
            throw new IllegalArgumentException("an error budget cannot be negative: " + maxErrors.getAsInt());
        }
        batchWait = Duration.ofMillis(batchWait.toMillis());
    }

    /**
     * The rollout {@code options} ask for on a command reaching {@code nodes} nodes, percentages resolved now: a batch
     * of N% is rounded up (at least one node), an error budget of N% rounded down. Empty without {@code --batch}.
     */
    public static Optional<Rollout> of(SendOptions options, int nodes) {
        if (options.batch().isEmpty()) {
            return Optional.empty();
        }
        int size = options.batch().get().ofNodes(nodes, true, 1);
        OptionalInt budget = options.maxErrors().map(share -> OptionalInt.of(share.ofNodes(nodes, false, 0)))
                .orElse(OptionalInt.empty());
        return Optional.of(new Rollout(size, options.batchWait().orElse(Duration.ZERO), budget, options.asTyped()));
    }

    /** {@code nodes} cut into this rollout's batches, in order; the first goes out with the command itself. */
    public List<List<String>> batches(List<String> nodes) {
        List<List<String>> batches = new ArrayList<>();
        for (int from = 0; from < nodes.size(); from += batchSize) {
            batches.add(List.copyOf(nodes.subList(from, Math.min(nodes.size(), from + batchSize))));
        }
        return List.copyOf(batches);
    }

    /** Whether {@code failed} failures spend more than the budget. */
    public boolean overBudget(int failed) {
        return maxErrors.isPresent() && failed > maxErrors.getAsInt();
    }
}
