package io.ecledger.console;

import io.ecledger.console.client.NodeUpdate;
import java.time.Duration;
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
        StringBuilder text = new StringBuilder(update.node()).append(" (").append(update.subcluster()).append("): ");
        if (update.state().equals("TIMED_OUT")) {
            text.append("timed out");
        } else {
            text.append(update.status().orElse(update.state()));
            update.output().filter(output -> !output.isBlank()).ifPresent(output ->
                    output.lines().forEach(line -> text.append("\n  ").append(line)));
        }
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

    // "OK 3, ERROR 1, timed out 1, pending 2": answered ones by status, then the others
    private String breakdown() {
        Map<String, Integer> by = new TreeMap<>();
        int timedOut = 0;
        int pending = 0;
        for (NodeUpdate node : nodes.values()) {
            if (node.pending()) {
                pending++;
            } else if (node.state().equals("TIMED_OUT")) {
                timedOut++;
            } else {
                by.merge(node.status().orElse(node.state()), 1, Integer::sum);
            }
        }
        StringBuilder text = new StringBuilder();
        by.forEach((status, count) ->
                text.append(text.length() == 0 ? "" : ", ").append(status).append(' ').append(count));
        if (timedOut > 0) {
            text.append(text.length() == 0 ? "" : ", ").append("timed out ").append(timedOut);
        }
        if (pending > 0) {
            text.append(text.length() == 0 ? "" : ", ").append("pending ").append(pending);
        }
        return text.toString();
    }

    private long count(String state) {
        return nodes.values().stream().filter(node -> node.state().equals(state)).count();
    }
}
