package io.ecledger.api.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecledger.api.testing.Cluster;
import io.ecledger.api.testing.EventStream;
import io.ecledger.api.testing.ManagerFixture;
import io.ecledger.api.testing.SeededCluster;
import io.ecledger.ledger.event.CommandCancelled;
import io.ecledger.ledger.testing.KafkaBroker;
import io.ecledger.ledger.testing.Outsider;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A command's life on each node, as the views show it, on a real broker with simulated agents: running while it
 * runs, stopped by a cancel, not started when the cancel came first, and untouched by a cancel nobody signed.
 */
@ExtendWith(KafkaBroker.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CancelIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern COMMAND_ID = Pattern.compile("command ([0-9a-f-]{36}) at ledger offset");

    private Cluster cluster;
    private ManagerFixture manager;

    @BeforeAll
    void startACluster(KafkaBroker.Handle broker) {
        // long enough for a sleep to be watched and cancelled before its deadline
        cluster = SeededCluster.fresh(broker).with("commandTimeout", "60s").with("deliveryTimeout", "20s").start();
        manager = cluster.manager();
    }

    @AfterAll
    void stop() {
        cluster.close();
    }

    private String send(String line) {
        HttpResponse<String> sent = manager.console(line);
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        Matcher id = COMMAND_ID.matcher(sent.body());
        assertThat(id.find()).as(sent.body()).isTrue();
        return id.group(1);
    }

    private JsonNode node(String commandId, String node) throws IOException {
        JsonNode command = JSON.readTree(manager.get("/v1/commands/" + commandId).body());
        for (JsonNode line : command.get("nodes")) {
            if (line.get("node").asText().equals(node)) {
                return line;
            }
        }
        throw new AssertionError("no line for " + node + " in " + command);
    }

    private void awaitState(String commandId, String node, String state) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(node(commandId, node).get("state").asText()).isEqualTo(state));
    }

    @Test
    void aLongCommandShowsRunningAndACancelStopsItAndItIsAnsweredCancelled() throws Exception {
        String id = send("unicast rh52bare sleep 120");
        awaitState(id, "rh52bare", "RUNNING");

        HttpResponse<String> cancel = manager.console("cancel " + id);

        assertThat(cancel.body()).contains("cancelled command " + id + " (sleep 120)");
        awaitState(id, "rh52bare", "ANSWERED");
        JsonNode answer = node(id, "rh52bare");
        assertThat(answer.get("status").asText()).isEqualTo("CANCELLED");
        assertThat(answer.get("output").asText())
                .startsWith("stopped while running: cancelled by " + ManagerFixture.ADMIN)
                .contains("requested with 'cancel " + id + "'", "sleep interrupted on rh52bare");
        JsonNode command = JSON.readTree(manager.get("/v1/commands/" + id).body());
        assertThat(command.get("cancel").get("actor").asText()).isEqualTo(ManagerFixture.ADMIN);
        assertThat(command.get("counts").get("cancelled").asInt()).isEqualTo(1);
        assertThat(command.get("settled").asBoolean()).isTrue();
        long cancelOffset = Long.parseLong(cancel.body().replaceAll("(?s).*at ledger offset (\\d+).*", "$1"));
        long commandOffset = command.get("ledgerOffset").asLong();
        assertThat(manager.console("history show " + commandOffset).body())
                .contains("cancelled: by " + ManagerFixture.ADMIN + " at ", "(offset " + cancelOffset + "): requested with",
                        "nodes: 1: 1 cancelled\n");
        assertThat(manager.console("history show " + cancelOffset).body())
                .startsWith("offset " + cancelOffset + ": cancel\n").contains("event: cancel " + id + ": requested with");
        // nothing is left to cancel: a second cancel is refused and appends nothing
        long end = cluster.ledgerSince(0).size();
        assertThat(manager.console("cancel " + id).body()).contains("was cancelled by " + ManagerFixture.ADMIN);
        assertThat(cluster.ledgerSince(0)).hasSize((int) end);
    }

    @Test
    void aCommandQueuedBehindALongOneIsDeliveredAndACancelBeforeItStartsMeansItNeverRuns() throws Exception {
        String slow = send("unicast rh52mgr sleep 120");
        String queued = send("unicast rh52mgr summary");
        awaitState(slow, "rh52mgr", "RUNNING");
        awaitState(queued, "rh52mgr", "DELIVERED");
        long ranBefore = cluster.executorCalls().get("rh52mgr");

        assertThat(manager.console("cancel latest summary").body()).contains("cancelled command " + queued);
        assertThat(manager.console("cancel " + slow).statusCode()).isEqualTo(200);

        awaitState(queued, "rh52mgr", "ANSWERED");
        awaitState(slow, "rh52mgr", "ANSWERED");
        assertThat(node(queued, "rh52mgr").get("status").asText()).isEqualTo("CANCELLED");
        assertThat(node(queued, "rh52mgr").get("output").asText()).startsWith("not run: cancelled by");
        assertThat(cluster.executorCalls().get("rh52mgr")).as("summary never ran").isEqualTo(ranBefore);
    }

    @Test
    void aCancelNobodySignedWrittenStraightToTheLedgerStopsNothing() throws Exception {
        String id = send("unicast rh52bar2 sleep 3");
        awaitState(id, "rh52bar2", "RUNNING");
        new Outsider(cluster.bootstrapServers()).forge(cluster.layout().ledger(),
                new CommandCancelled(UUID.fromString(id), "forged"));

        awaitState(id, "rh52bar2", "ANSWERED");
        assertThat(node(id, "rh52bar2").get("status").asText()).isEqualTo("OK");
        assertThat(JSON.readTree(manager.get("/v1/commands/" + id).body()).has("cancel")).isTrue();
        assertThat(JSON.readTree(manager.get("/v1/commands/" + id).body()).get("cancel").isNull())
                .as("the projection refused the forged cancel too").isTrue();
    }

    @Test
    void theEventStreamTellsEachStateOfALongCommandOnceInOrder() throws Exception {
        String id = send("unicast rh52bar2 sleep 2");

        List<EventStream.Event> events = EventStream.follow(manager, id);

        assertThat(events).extracting(EventStream.Event::id).containsExactlyElementsOf(
                IntStream.rangeClosed(1, events.size()).mapToObj(Integer::toString).toList());
        List<String> states = EventStream.statesByNode(events).get("rh52bar2");
        assertThat(states).as("told once each, in order").isIn(List.of("PENDING", "RUNNING", "ANSWERED"),
                List.of("RUNNING", "ANSWERED"));
        assertThat(events.get(events.size() - 1).name()).isEqualTo("done");
        assertThat(events.get(events.size() - 2).data().get("status").asText()).isEqualTo("OK");
    }

    @Test
    void overRestACancelIsAcceptedOnceAndThenRefusedAsAlreadyCancelled() throws Exception {
        String id = send("unicast rh52bare sleep 60");
        awaitState(id, "rh52bare", "RUNNING");

        HttpResponse<String> first = manager.postJson("/v1/commands/" + id + "/cancel", "");
        HttpResponse<String> second = manager.postJson("/v1/commands/" + id + "/cancel", "");
        HttpResponse<String> malformed = manager.postJson("/v1/commands/not-a-uuid/cancel", "");

        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        assertThat(JSON.readTree(first.body()).get("commandId").asText()).isEqualTo(id);
        assertThat(second.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(second.body()).get("code").asText()).isEqualTo("already-cancelled");
        assertThat(malformed.statusCode()).isEqualTo(400);
        awaitState(id, "rh52bare", "ANSWERED");
        assertThat(node(id, "rh52bare").get("status").asText()).isEqualTo("CANCELLED");
    }

    @Test
    void aCancelOfAnUnknownOrFinishedCommandIsRefusedAndAppendsNothing() {
        String done = send("unicast rh52bare version");
        awaitState(done, "rh52bare", "ANSWERED");
        int before = cluster.ledgerSince(0).size();

        assertThat(manager.console("cancel " + done).body()).contains("is done on every node");
        assertThat(manager.console("cancel 00000000-0000-0000-0000-000000000000").body()).contains("nothing to cancel");
        assertThat(manager.console("cancel latest frobnicate").body()).contains("no command 'frobnicate'");
        assertThat(cluster.ledgerSince(0)).hasSize(before);
    }
}
