package io.ecledger.console;

import io.ecledger.console.client.NodeUpdate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What {@code --follow} knows of a command so far: each node's last state, the line to print when one answers or times
 * out, the progress line, and the summary at the end. Not thread-safe.
 */
final class FollowTally {

    // node -> its last update, in node order
    private final Map<String, NodeUpdate> nodes = new TreeMap<>();

    /** Takes {@code update}; the lines to print for it, empty while the node is pending or nothing changed. */
    Optional<String> take(NodeUpdate update) {
        NodeUpdate before = nodes.put(update.node(), update);
        if (update.pending() || update.equals(before)) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder(update.node()).append(" (").append(update.subcluster()).append("): ")
                .append(update.outcome());
        update.output().filter(output -> !output.isBlank()).ifPresent(output ->
                output.lines().forEach(line -> text.append("\n  ").append(line)));
        return Optional.of(text.toString());
    }

    /** True once it heard of any node. */
    boolean heard() {
        return !nodes.isEmpty();
    }

    /** The progress line: {@code answered 2/4: OK 2, pending 2}. */
    String progress() {
        return "answered " + count("ANSWERED") + "/" + nodes.size() + ": " + breakdown();
    }

    /** The last line: every node done, or which were still pending when the wait ran out. */
    String summary(boolean settled, Duration wait) {
        String counts = nodes.size() + " node(s): " + breakdown();
        if (settled) {
            return "done, " + counts;
        }
        String pending = nodes.values().stream().filter(NodeUpdate::pending).map(NodeUpdate::node)
                .collect(Collectors.joining(", "));
        return "stopped following after " + wait.toSeconds() + " s, " + counts
                + (pending.isEmpty() ? "" : "; still pending: " + pending);
    }

    // "OK 3, ERROR 1, timed out 1, running 1, pending 2": answered ones by status, then the other ends, then in flight
    private String breakdown() {
        Map<String, Integer> answered = new TreeMap<>();
        Map<String, Integer> ended = new TreeMap<>();
        Map<String, Integer> inFlight = new TreeMap<>();
        for (NodeUpdate node : nodes.values()) {
            Map<String, Integer> into = node.status().isPresent() ? answered : node.pending() ? inFlight : ended;
            into.merge(node.outcome(), 1, Integer::sum);
        }
        StringBuilder text = new StringBuilder();
        for (Map<String, Integer> counts : List.of(answered, ended, inFlight)) {
            counts.forEach((what, count) ->
                    text.append(text.length() == 0 ? "" : ", ").append(what).append(' ').append(count));
        }
        return text.toString();
    }

    private long count(String state) {
        return nodes.values().stream().filter(node -> node.state().equals(state)).count();
    }
}
