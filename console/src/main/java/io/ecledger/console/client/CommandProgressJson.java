package io.ecledger.console.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads the command JSON of {@code GET /v1/commands/{id}} (the same over the socket): {@code commandId}, and
 * {@code nodes} with each node's {@code state}: {@code ANSWERED}, one still in flight ({@link NodeUpdate#IN_FLIGHT}),
 * or another end ({@code TIMED_OUT}, {@code UNDELIVERED}, {@code CANCELLED}).
 */
final class CommandProgressJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CommandProgressJson() {}

    /** The progress in {@code json}; unknown fields are ignored. */
    static CommandProgress parse(String json) throws IOException {
        JsonNode root = MAPPER.readTree(json);
        if (root == null || !root.isObject() || !root.path("commandId").isTextual()) {
            throw new IOException("command data is not a JSON object with a commandId");
        }
        UUID id;
        try {
            id = UUID.fromString(root.get("commandId").asText());
        } catch (IllegalArgumentException e) {
            throw new IOException("command data: '" + root.get("commandId").asText() + "' is not a command id", e);
        }
        JsonNode nodes = root.path("nodes");
        if (!nodes.isArray()) {
            throw new IOException("command data: 'nodes' is not a list");
        }
        List<String> pending = new ArrayList<>();
        for (JsonNode node : nodes) {
            if (NodeUpdate.IN_FLIGHT.contains(node.path("state").asText())) {
                pending.add(node.path("node").asText());
            }
        }
        return new CommandProgress(id, pending);
    }
}
