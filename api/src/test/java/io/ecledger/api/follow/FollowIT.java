package io.ecledger.api.follow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecledger.api.testing.Cluster;
import io.ecledger.api.testing.EventStream;
import io.ecledger.api.testing.EventStream.Event;
import io.ecledger.api.testing.ManagerFixture;
import io.ecledger.api.testing.SeededCluster;
import io.ecledger.ledger.event.NodeIdentity;
import io.ecledger.ledger.testing.KafkaBroker;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code GET /v1/commands/{id}/events} on a real manager, broker and agents, read as raw server-sent events. */
@ExtendWith(KafkaBroker.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FollowIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SEED = List.of("rh52bar2", "rh52bare", "rh52mgr");

    private Cluster cluster;
    private ManagerFixture manager;

    @BeforeAll
    void startACluster(KafkaBroker.Handle broker) {
        cluster = SeededCluster.fresh(broker).start();
        manager = cluster.manager();
        // a member that never answers: it stays pending until the command's deadline (5 s in tests)
        cluster.announceWithoutAgent(new NodeIdentity("ghost", "east", "ghost.example.com", "0.1.0"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(manager.console("show cluster membership").body()).contains("ghost"));
    }

    @AfterAll
    void stop() {
        cluster.close();
    }

    private String send(String targetJson, String command) throws IOException {
        HttpResponse<String> sent = manager.postJson("/v1/commands",
                "{\"target\": " + targetJson + ", \"command\": \"" + command + "\"}");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        return JSON.readTree(sent.body()).get("commandId").asText();
    }

    private HttpResponse<Stream<String>> open(String path, Optional<String> authorization) throws Exception {
        return EventStream.open(manager, path, authorization);
    }

    private List<Event> follow(String commandId) throws Exception {
        return EventStream.follow(manager, commandId);
    }

    @Test
    void aBroadcastStreamsEachNodesChangeOnceInOrderAndEndsWithTheCountsWhenTheSilentNodeTimesOut() throws Exception {
        String id = send("{\"broadcast\": true}", "version");

        List<Event> events = follow(id);

        assertThat(events).extracting(Event::id).containsExactlyElementsOf(
                java.util.stream.IntStream.rangeClosed(1, events.size()).mapToObj(Integer::toString).toList());
        assertThat(events.get(events.size() - 1).name()).isEqualTo("done");
        assertThat(events.subList(0, events.size() - 1)).extracting(Event::name).containsOnly("node");
        Map<String, List<String>> states = EventStream.statesByNode(events);
        assertThat(states.keySet()).containsExactlyInAnyOrder("ghost", "rh52bar2", "rh52bare", "rh52mgr");
        assertThat(states.get("ghost")).containsExactly("PENDING", "UNDELIVERED");
        for (String node : SEED) {
            // pending when the stream opened, or already answered by then; told once either way
            assertThat(states.get(node)).as(node).isIn(List.of("PENDING", "ANSWERED"), List.of("ANSWERED"));
        }
        JsonNode done = events.get(events.size() - 1).data();
        assertThat(done.get("commandId").asText()).isEqualTo(id);
        assertThat(done.get("expected").asInt()).isEqualTo(4);
        assertThat(done.get("states").get("ANSWERED").asInt()).isEqualTo(3);
        assertThat(done.get("states").get("UNDELIVERED").asInt()).isEqualTo(1);
        assertThat(done.get("statuses").get("OK").asInt()).isEqualTo(3);
    }

    @Test
    void aStreamOpenedAfterEveryAnswerTellsTheAnswerOnceAndEndsAtOnce() throws Exception {
        String id = send("{\"node\": \"rh52bare\"}", "summary");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(manager.get("/v1/commands/" + id).body()).contains("ANSWERED").doesNotContain("PENDING"));

        List<Event> events = follow(id);

        assertThat(events).extracting(Event::name).containsExactly("node", "done");
        JsonNode answer = events.get(0).data();
        assertThat(answer.get("node").asText()).isEqualTo("rh52bare");
        assertThat(answer.get("status").asText()).isEqualTo("OK");
        assertThat(answer.get("output").asText()).isNotEmpty();
    }

    @Test
    void anUnknownOrMalformedIdOrAMissingTokenGetsNoStream() throws Exception {
        HttpResponse<Stream<String>> unknown = open("/v1/commands/00000000-0000-0000-0000-000000000000/events",
                manager.authorization());
        HttpResponse<Stream<String>> malformed = open("/v1/commands/not-a-uuid/events", manager.authorization());
        HttpResponse<Stream<String>> anonymous = open("/v1/commands/" + send("{\"node\": \"rh52mgr\"}", "version")
                + "/events", Optional.empty());

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        Stream.of(unknown, malformed, anonymous).forEach(response -> response.body().close());
    }
}
