package io.ecledger.console.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;

/**
 * Reads the data of a followed command's {@code node} event, the same from the REST event stream and the control
 * socket: {@code node}, {@code subcluster}, {@code state}, and {@code status} and {@code output} once answered.
 */
final class NodeUpdateJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private NodeUpdateJson() {}

    /** The update in {@code json}; unknown fields are ignored. */
    static NodeUpdate parse(String json) throws IOException {
        return of(MAPPER.readTree(json));
    }

    /** The update {@code node} holds. */
    static NodeUpdate of(JsonNode node) throws IOException {
        if (node == null || !node.path("node").isTextual() || !node.path("state").isTextual()) {
            throw new IOException("node event: not a JSON object with a node and a state");
        }
        return new NodeUpdate(node.path("node").asText(), node.path("subcluster").asText(), node.path("state").asText(),
                text(node, "status"), text(node, "output"));
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }
}
