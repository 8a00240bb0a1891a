package io.ecledger.api.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecledger.api.testing.Cluster;
import io.ecledger.api.testing.ManagerFixture;
import io.ecledger.api.testing.SeededCluster;
import io.ecledger.ledger.event.BatchReleased;
import io.ecledger.ledger.event.CommandCancelled;
import io.ecledger.ledger.event.NodeIdentity;
import io.ecledger.ledger.kafka.LedgerEntry;
import io.ecledger.ledger.sign.ManagerKey;
import io.ecledger.ledger.testing.KafkaBroker;
import io.ecledger.ledger.testing.Outsider;
import io.ecledger.node.agent.AgentFleet;
import io.ecledger.node.agent.AgentSettings;
import io.ecledger.node.agent.NodeAgent;
import io.ecledger.node.executor.ExecutionResult;
import io.ecledger.node.executor.SimulatedNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Rollouts on a real broker and manager with fifty simulated agents: batches released in order, each after the one
 * before settled; an error budget spent cancels the rest; a cancel mid-rollout leaves the unreleased nodes untouched;
 * a rerun reaches only the nodes that failed.
 */
@ExtendWith(KafkaBroker.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RolloutIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern COMMAND_ID = Pattern.compile("command ([0-9a-f-]{36}) at ledger offset");
    private static final List<String> NODES = IntStream.range(0, 50).mapToObj(i -> String.format("n%02d", i)).toList();
    // fails "summary", so an error budget has something to count
    private static final String FAILING = "n03";

    private Cluster cluster;
    private ManagerFixture manager;
    private AgentFleet fleet;
    private final Map<String, List<String>> ran = new ConcurrentHashMap<>();

    @BeforeAll
    void startFiftyNodes(KafkaBroker.Handle broker) throws IOException {
        cluster = SeededCluster.fresh(broker).withoutNodes().with("commandTimeout", "30s").start();
        manager = cluster.manager();
        List<NodeAgent> agents = new ArrayList<>();
        for (String node : NODES) {
            SimulatedNode simulated = SimulatedNode.of(node, "east");
            List<String> log = ran.computeIfAbsent(node, n -> new CopyOnWriteArrayList<>());
            agents.add(new NodeAgent(cluster.bootstrapServers(), cluster.layout(),
                    new NodeIdentity(node, "east", node + ".example.com", "test"),
                    ManagerKey.readPublic(cluster.managerPublicKey()), text -> {
                        log.add(text);
                        return node.equals(FAILING) && text.equals("summary") ? ExecutionResult.error("boom")
                                : simulated.run(text);
                    }, Clock.systemUTC(), AgentSettings.defaults()));
        }
        fleet = new AgentFleet(agents, 16);
        assertThat(fleet.start()).isEmpty();
        // every one of the fifty: a broadcast expects only the members the manager knows when it is issued
        await().atMost(Duration.ofSeconds(180)).untilAsserted(() ->
                assertThat(manager.console("show cluster membership").body()).contains(NODES));
    }

    @AfterAll
    void stop() {
        if (fleet != null) {
            fleet.stop();
        }
        cluster.close();
    }

    private String send(String line) {
        HttpResponse<String> sent = manager.console(line);
        Matcher id = COMMAND_ID.matcher(sent.body());
        assertThat(id.find()).as(sent.body()).isTrue();
        return id.group(1);
    }

    private JsonNode command(String id) throws IOException {
        return JSON.readTree(manager.get("/v1/commands/" + id).body());
    }

    private void awaitSettled(String id) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(command(id).get("settled").asBoolean()).as(command(id).get("counts").toString()).isTrue());
    }

    private List<BatchReleased> releases(String id) {
        return cluster.ledgerSince(0).stream().map(LedgerEntry::event)
                .filter(event -> event.payload() instanceof BatchReleased batch
                        && batch.commandId().equals(UUID.fromString(id)))
                .map(event -> (BatchReleased) event.payload()).toList();
    }

    /** How many times each node ran {@code text} so far. */
    private Map<String, Long> runs(String text) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        NODES.forEach(node -> counts.put(node, ran.get(node).stream().filter(text::equals).count()));
        return counts;
    }

    /** The nodes that ran {@code text} since {@code before} was taken. */
    private List<String> ranSince(Map<String, Long> before, String text) {
        Map<String, Long> now = runs(text);
        return NODES.stream().filter(node -> now.get(node) > before.get(node)).toList();
    }

    @Test
    void aTenPercentRolloutToFiftyNodesReleasesTenBatchesInNameOrderEachAfterTheOneBeforeAnswered() throws Exception {
        String plan = manager.console("broadcast --batch 10% --dry-run version").body();
        assertThat(plan).contains("would reach 50 nodes in 10 batches (--batch 10%)",
                "batch 0: n00, n01, n02, n03, n04", "batch 9: n45, n46, n47, n48, n49");

        String id = send("broadcast --batch 10% version");
        awaitSettled(id);

        List<BatchReleased> releases = releases(id);
        assertThat(releases).extracting(BatchReleased::batch).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
        for (BatchReleased release : releases) {
            assertThat(release.nodes()).isEqualTo(NODES.subList(release.batch() * 5, release.batch() * 5 + 5));
        }
        JsonNode command = command(id);
        assertThat(command.get("counts").get("ok").asInt()).isEqualTo(50);
        // each batch started only once the one before had answered
        Map<Integer, Instant> lastFinish = new ConcurrentHashMap<>();
        for (JsonNode node : command.get("nodes")) {
            int batch = node.get("batch").asInt();
            assertThat(batch).as(node.toString()).isEqualTo(NODES.indexOf(node.get("node").asText()) / 5);
            lastFinish.merge(batch, Instant.parse(node.get("finishedAt").asText()), (a, b) -> a.isAfter(b) ? a : b);
        }
        List<Instant> released = cluster.ledgerSince(0).stream()
                .filter(entry -> entry.event().payload() instanceof BatchReleased batch
                        && batch.commandId().equals(UUID.fromString(id)))
                .map(entry -> entry.event().occurredAt()).toList();
        for (int batch = 1; batch < 10; batch++) {
            assertThat(released.get(batch - 1)).as("batch %d released after batch %d answered", batch, batch - 1)
                    .isAfterOrEqualTo(lastFinish.get(batch - 1));
        }
    }

    @Test
    void overRestARolloutIsPlannedWithTheSameWordsAndRefusedAsTheyWouldBeTyped() throws Exception {
        int ledger = cluster.ledgerSince(0).size();

        HttpResponse<String> plan = manager.postJson("/v1/commands", "{\"target\": {\"broadcast\": true}, "
                + "\"command\": \"version\", \"batch\": \"20%\", \"maxErrors\": \"1\", \"dryRun\": true}");
        HttpResponse<String> bad = manager.postJson("/v1/commands", "{\"target\": {\"broadcast\": true}, "
                + "\"command\": \"version\", \"batch\": \"0\"}");
        HttpResponse<String> unicast = manager.postJson("/v1/commands", "{\"target\": {\"node\": \"n01\"}, "
                + "\"command\": \"version\", \"batch\": \"2\"}");

        assertThat(plan.statusCode()).as(plan.body()).isEqualTo(200);
        JsonNode batches = JSON.readTree(plan.body()).get("batches");
        assertThat(batches).hasSize(5);
        assertThat(batches.get(0)).extracting(JsonNode::asText).containsExactlyElementsOf(NODES.subList(0, 10));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).get("message").asText()).contains("--batch: '0' is out of range");
        assertThat(unicast.statusCode()).isEqualTo(400);
        assertThat(cluster.ledgerSince(0)).as("nothing was appended").hasSize(ledger);
    }

    @Test
    void anErrorBudgetOfZeroWithOneFailingNodeCancelsEveryLaterBatch() throws Exception {
        Map<String, Long> before = runs("summary");
        String id = send("broadcast --batch 5 --max-errors 0 summary");
        awaitSettled(id);

        JsonNode command = command(id);
        assertThat(command.get("cancel").get("actor").asText()).isEqualTo("error-budget");
        assertThat(command.get("cancel").get("reason").asText()).isEqualTo(
                "error budget spent: 1 of 50 nodes failed, at most 0 allowed");
        assertThat(command.get("counts").get("ok").asInt()).isEqualTo(4);
        assertThat(command.get("counts").get("error").asInt()).isEqualTo(1);
        assertThat(command.get("counts").get("cancelled").asInt()).isEqualTo(45);
        assertThat(releases(id)).isEmpty();
        assertThat(ranSince(before, "summary")).containsExactlyElementsOf(NODES.subList(0, 5));
        assertThat(cluster.ledgerSince(0).stream().filter(entry -> entry.event().payload() instanceof CommandCancelled c
                && c.commandId().equals(UUID.fromString(id)))).hasSize(1);
    }

    @Test
    void aRerunWithFailedReachesOnlyTheFailedNodesAsANewCommandLinkedToTheOriginal() throws Exception {
        String id = send("broadcast summary");
        awaitSettled(id);
        Map<String, Long> before = runs("summary");
        int ledger = cluster.ledgerSince(0).size();

        String preview = manager.console("rerun " + id + " --failed --dry-run").body();
        assertThat(preview).isEqualTo("dry run, nothing sent: rerun --failed of command " + id
                + " (summary): 1 of 50 nodes (1 error): " + FAILING);
        assertThat(cluster.ledgerSince(0)).hasSize(ledger);

        String rerun = send("rerun " + id + " --failed");
        awaitSettled(rerun);

        JsonNode command = command(rerun);
        assertThat(command.get("rerunOf").asText()).isEqualTo(id);
        assertThat(command.get("nodes")).extracting(node -> node.get("node").asText()).containsExactly(FAILING);
        assertThat(ranSince(before, "summary")).containsExactly(FAILING);
        assertThat(manager.console("rerun " + id + " --silent").body()).contains("nothing to rerun");
    }

    @Test
    void aCancelMidRolloutLeavesTheNodesOfUnreleasedBatchesUntouched() throws Exception {
        Map<String, Long> before = runs("sieve:rules flush cache");
        String id = send("broadcast --batch 10 --batch-wait 4s sieve:rules flush cache");
        await().atMost(Duration.ofSeconds(60)).until(() -> releases(id).size() == 1
                && command(id).get("counts").path("ok").asInt() == 20);

        assertThat(manager.console("cancel " + id).body()).contains("cancelled command " + id);
        awaitSettled(id);
        Thread.sleep(5_000); // longer than the wait: had the cancel not held, the next batch would be out by now

        assertThat(releases(id)).extracting(BatchReleased::batch).containsExactly(1);
        assertThat(ranSince(before, "sieve:rules flush cache")).containsExactlyElementsOf(NODES.subList(0, 20));
        JsonNode command = command(id);
        assertThat(command.get("counts").get("ok").asInt()).isEqualTo(20);
        assertThat(command.get("counts").get("cancelled").asInt()).isEqualTo(30);
        for (JsonNode node : command.get("nodes")) {
            if (node.get("batch").asInt() >= 2) {
                assertThat(node.get("state").asText()).as(node.toString()).isEqualTo("CANCELLED");
            }
        }
    }

    @Test
    void aForgedReleaseOfTheNextBatchIsRefusedByItsNodesWithoutSpendingTheBudgetOrTakingTheirAnswers() throws Exception {
        String text = "sieve:forged flush cache";
        Map<String, Long> before = runs(text);
        String id = send("broadcast --batch 25 --batch-wait 15s --max-errors 0 " + text);
        await().atMost(Duration.ofSeconds(60)).until(() -> command(id).get("counts").path("ok").asInt() == 25);
        JsonNode issued = command(id);
        long commandOffset = issued.get("ledgerOffset").asLong();

        // batch 1 before the manager releases it, in a record nobody signed: all 25 of its nodes are named
        long forged = new Outsider(cluster.bootstrapServers()).forge(cluster.layout().ledger(), new BatchReleased(
                UUID.fromString(id), commandOffset, 1, NODES.subList(25, 50), text, Instant.now().plusSeconds(30),
                Instant.now().plusSeconds(60)));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                manager.console("history show " + commandOffset).body().lines()
                        .filter(line -> line.startsWith("refused by ") && line.contains("the record at offset " + forged)))
                .as("every node named refused the forged release").hasSize(25));
        awaitSettled(id);

        JsonNode command = command(id);
        assertThat(command.get("cancel").isNull()).as("no failure counted: %s", command.get("cancel")).isTrue();
        assertThat(command.get("counts").get("ok").asInt()).isEqualTo(50);
        long released = cluster.ledgerSince(0).stream().filter(entry -> entry.event().payload() instanceof BatchReleased b
                && b.commandId().equals(UUID.fromString(id)) && entry.event().seal().isSigned())
                .mapToLong(LedgerEntry::offset).min().orElseThrow();
        assertThat(forged).as("refused before the manager's own release came").isLessThan(released);
        assertThat(ranSince(before, text)).as("each node ran it once, the second batch only when released")
                .containsExactlyElementsOf(NODES);
        assertThat(runs(text).values().stream().mapToLong(count -> count).sum() - before.values().stream()
                .mapToLong(count -> count).sum()).isEqualTo(50);
    }
}
