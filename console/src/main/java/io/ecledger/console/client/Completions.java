package io.ecledger.console.client;

import java.util.List;

/**
 * What the live cluster offers for tab completion: node names, subcluster names, and the command texts broadcast
 * since the last flush of the results buffer.
 */
public record Completions(List<String> nodes, List<String> subclusters, List<String> commands) {

    /** No live data: the manager does not serve it, or could not be asked. */
    public static final Completions NONE = new Completions(List.of(), List.of(), List.of());

    public Completions {
        nodes = List.copyOf(nodes);
        subclusters = List.copyOf(subclusters);
        commands = List.copyOf(commands);
    }
}
