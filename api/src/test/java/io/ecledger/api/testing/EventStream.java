package io.ecledger.api.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** A command's server-sent events read off the wire as a client reads them, line by line. */
public final class EventStream {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One event of the stream as the wire carries it. */
    public record Event(String id, String name, JsonNode data) {}

    private EventStream() {}

    /** Opens {@code path} on {@code manager} asking for an event stream, with {@code authorization} if any. */
    public static HttpResponse<Stream<String>> open(ManagerFixture manager, String path, Optional<String> authorization)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(manager.endpoint() + path))
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(30)).GET();
        authorization.ifPresent(value -> request.header("Authorization", value));
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofLines());
    }

    /** Every event of {@code commandId}'s stream, read until the manager ends it. */
    public static List<Event> follow(ManagerFixture manager, String commandId) throws Exception {
        HttpResponse<Stream<String>> stream = open(manager, "/v1/commands/" + commandId + "/events",
                manager.authorization());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        List<Event> events = new ArrayList<>();
        Map<String, String> fields = new LinkedHashMap<>();
        try (Stream<String> lines = stream.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (!fields.isEmpty()) {
                        events.add(new Event(fields.get("id"), fields.get("event"), JSON.readTree(fields.get("data"))));
                        fields.clear();
                    }
                    continue;
                }
                int colon = line.indexOf(':');
                fields.merge(line.substring(0, colon), line.substring(colon + 1).stripLeading(), (a, b) -> a + "\n" + b);
            }
        }
        return events;
    }

    /** The states each node went through, in the order the stream told them. */
    public static Map<String, List<String>> statesByNode(List<Event> events) {
        Map<String, List<String>> states = new LinkedHashMap<>();
        for (Event event : events) {
            if (event.name().equals("node")) {
                states.computeIfAbsent(event.data().get("node").asText(), node -> new ArrayList<>())
                        .add(event.data().get("state").asText());
            }
        }
        return states;
    }
}
