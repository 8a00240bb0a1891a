package io.ecledger.ledger.command;

import java.util.List;

/**
 * What the live cluster offers {@link Grammar#complete(String, CompletionData)}: node names, subcluster names, and
 * the command texts sent since the last flush of the results buffer (the ones a retrieve can find).
 */
public record CompletionData(List<String> nodes, List<String> subclusters, List<String> commands) {

    /** Nothing known: only verb words and the grammar's own keywords complete. */
    public static final CompletionData NONE = new CompletionData(List.of(), List.of(), List.of());

    public CompletionData {
        nodes = List.copyOf(nodes);
        subclusters = List.copyOf(subclusters);
        commands = List.copyOf(commands);
    }
}
