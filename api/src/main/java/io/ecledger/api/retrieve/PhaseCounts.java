package io.ecledger.api.retrieve;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * How many nodes are in each phase of a command ({@code ok}, {@code error}, …, {@code running}; see
 * {@link NodeResult#phase()}), phases in name order: a JSON object of counts, or {@code 7 ok, 1 error} as text.
 */
public record PhaseCounts(Map<String, Integer> byPhase) {

    public PhaseCounts {
        byPhase = Collections.unmodifiableMap(new TreeMap<>(byPhase));
    }

    /** The counts of {@code phases}, one per node. */
    public static PhaseCounts of(Stream<String> phases) {
        return new PhaseCounts(phases.collect(Collectors.toMap(phase -> phase, phase -> 1, Integer::sum)));
    }

    /** The counts as JSON shows them: phase to count. */
    @JsonValue
    @Override
    public Map<String, Integer> byPhase() {
        return byPhase;
    }

    /** How many nodes were counted. */
    public int nodes() {
        return byPhase.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** {@code 7 ok, 1 error, 2 running}; {@code timed_out} reads {@code timed out}. */
    public String text() {
        return byPhase.entrySet().stream().map(count -> count.getValue() + " " + count.getKey().replace('_', ' '))
                .collect(Collectors.joining(", "));
    }

    /** {@code 10 nodes: 7 ok, 1 error, 2 running}. */
    public String withTotal() {
        return nodes() + (nodes() == 1 ? " node: " : " nodes: ") + text();
    }
}
