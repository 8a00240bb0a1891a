package io.ecledger.console.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecledger.ledger.command.CompletionData;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code {"nodes": [...], "subclusters": [...], "commands": [...]}}, the same from REST and from the socket. */
final class CompletionsJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CompletionsJson() {}

    /** The completion data in {@code json}; a missing list is empty, unknown fields are ignored. */
    static CompletionData parse(String json) throws IOException {
        JsonNode root = MAPPER.readTree(json);
        if (root == null || !root.isObject()) {
            throw new IOException("completion data is not a JSON object");
        }
        return new CompletionData(strings(root, "nodes"), strings(root, "subclusters"), strings(root, "commands"));
    }

    private static List<String> strings(JsonNode root, String field) throws IOException {
        JsonNode array = root.get(field);
        if (array == null || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw new IOException("completion data: '" + field + "' is not a list");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode value : array) {
            if (value.isTextual()) {
                values.add(value.asText());
            }
        }
        return values;
    }
}
