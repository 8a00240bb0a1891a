package io.ecledger.api.console;

import java.util.List;

/** What a console may complete from the live cluster: node and subcluster names, and command texts since the last flush. */
public record Completions(List<String> nodes, List<String> subclusters, List<String> commands) {

    public Completions {
        nodes = List.copyOf(nodes);
        subclusters = List.copyOf(subclusters);
        commands = List.copyOf(commands);
    }
}
