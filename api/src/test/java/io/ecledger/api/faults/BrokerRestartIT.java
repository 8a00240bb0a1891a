package io.ecledger.api.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecledger.api.testing.Cluster;
import io.ecledger.api.testing.ManagerFixture;
import io.ecledger.api.testing.SeededCluster;
import io.ecledger.ledger.codec.UndecodableRecordException;
import io.ecledger.ledger.event.NodeStatus;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manager's only broker, a real {@code kafka-local} process, killed with {@code kill -9} and started again: the
 * manager's health turns red and back to green, every send during the outage is either answered 202 and then done, or
 * refused with 503, and the manager and its agents carry on afterwards. Counted by independent {@code read_committed}
 * consumers.
 */
@Tag("faults")
class BrokerRestartIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> NODES = List.of("rh52bare", "rh52mgr", "rh52bar2");
    private static final int SENDERS = 4;

    @TempDir
    Path directory;

    @Test
    void aSendDuringABrokerOutageIsDoneOrRefusedWith503AndTheManagerCarriesOnAfterTheRestart() throws Exception {
        try (LocalBroker broker = LocalBroker.start(directory.resolve("kafka"));
                Cluster cluster = SeededCluster.fresh(broker).start()) {
            ManagerFixture manager = cluster.manager();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(manager.console("info").body()).contains("nodes: 3 (3 alive)"));
            Map<String, HttpResponse<String>> outcomes = new ConcurrentHashMap<>();
            AtomicBoolean sending = new AtomicBoolean(true);
            AtomicInteger texts = new AtomicInteger();
            // senders that never pause for the outage: some sends are in the middle of their commit when it begins
            List<CompletableFuture<Void>> senders = IntStream.range(0, SENDERS).mapToObj(i -> CompletableFuture.runAsync(() -> {
                while (sending.get()) {
                    String text = "sieve:s" + texts.incrementAndGet() + " flush cache";
                    outcomes.put(text, manager.postJson("/v1/commands",
                            "{\"target\": {\"broadcast\": true}, \"command\": \"" + text + "\"}"));
                    pause(Duration.ofMillis(50));
                }
            })).toList();
            TimeUnit.SECONDS.sleep(3);

            broker.kill();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(health(manager).path("kafka").path("healthy").asBoolean()).as("kafka healthy").isFalse());
            // long enough that every sender waits out the manager's 20 s bound on Kafka at least once
            TimeUnit.SECONDS.sleep(30);
            long restarting = System.nanoTime();
            broker.start();
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(manager.admin("/healthcheck").statusCode()).as(manager.admin("/healthcheck").body())
                            .isEqualTo(200));
            long green = System.nanoTime();
            int beforeGreen = texts.get();
            await().atMost(Duration.ofSeconds(60)).until(() -> accepted(outcomes).keySet().stream()
                    .anyMatch(text -> number(text) > beforeGreen));
            sending.set(false);
            CompletableFuture.allOf(senders.toArray(CompletableFuture[]::new)).join();

            Map<String, Integer> codes = new TreeMap<>();
            outcomes.forEach((text, answer) -> codes.merge(answer.statusCode() == 202 ? "202"
                    : answer.statusCode() + " " + code(answer), 1, Integer::sum));
            assertThat(codes.keySet()).as("every send answered 202 or 503").isSubsetOf("202", "503 ledger-unavailable",
                    "503 ledger-outcome-unknown");
            assertThat(codes).as("sends were refused during the outage").containsKey("503 ledger-unavailable");
            Map<String, UUID> accepted = accepted(outcomes);
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> answeredByAll(cluster, CommittedRecords.commandsByText(cluster).keySet()));

            Map<String, List<UUID>> onLedger = CommittedRecords.commandsByText(cluster);
            Map<UUID, Map<String, List<NodeStatus>>> answers = CommittedRecords.answers(cluster);
            System.out.printf("broker restart: kill -9 of the only broker under %d steady senders; %d sends: %s; health "
                            + "green %d ms after the broker was started again; %d commands on the ledger, each answered "
                            + "once by %d nodes%n", SENDERS, outcomes.size(), codes,
                    Duration.ofNanos(green - restarting).toMillis(), onLedger.size(), NODES.size());
            assertThat(accepted).allSatisfy((text, id) ->
                    assertThat(onLedger.get(text)).as("%s (accepted) on the ledger", text).containsExactly(id));
            outcomes.forEach((text, answer) -> {
                if (answer.statusCode() == 503 && code(answer).equals("ledger-unavailable")) {
                    assertThat(onLedger).as("%s was refused (%s), so it is not on the ledger", text, answer.body())
                            .doesNotContainKey(text);
                }
            });
            assertThat(onLedger.keySet()).as("nothing on the ledger that was not sent").isSubsetOf(outcomes.keySet());
            assertThat(onLedger.values()).as("no command on the ledger twice").allSatisfy(ids -> assertThat(ids).hasSize(1));
            onLedger.values().forEach(ids -> assertThat(answers.get(ids.get(0))).as("answers to %s", ids.get(0))
                    .containsOnlyKeys(NODES).allSatisfy((node, statuses) -> assertThat(statuses).singleElement()
                            // EXPIRED when the outage held it past its deadline: a commit that timed out lands late
                            .isIn(NodeStatus.OK, NodeStatus.EXPIRED)));
        }
    }

    private static Map<String, UUID> accepted(Map<String, HttpResponse<String>> outcomes) {
        Map<String, UUID> accepted = new HashMap<>();
        outcomes.forEach((text, answer) -> {
            if (answer.statusCode() == 202) {
                accepted.put(text, commandId(answer));
            }
        });
        return accepted;
    }

    private static int number(String text) {
        return Integer.parseInt(text.substring("sieve:s".length(), text.indexOf(' ')));
    }

    private static String code(HttpResponse<String> answer) {
        try {
            return JSON.readTree(answer.body()).path("code").asText();
        } catch (IOException e) {
            return "(not JSON: " + answer.body() + ")";
        }
    }

    private static void pause(Duration duration) {
        try {
            TimeUnit.NANOSECONDS.sleep(duration.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static UUID commandId(HttpResponse<String> answer) {
        try {
            return UUID.fromString(JSON.readTree(answer.body()).path("commandId").asText());
        } catch (IOException e) {
            throw new AssertionError("a 202 whose body is not JSON: " + answer.body(), e);
        }
    }

    private static JsonNode health(ManagerFixture manager) throws Exception {
        return JSON.readTree(manager.admin("/healthcheck").body());
    }

    private static boolean answeredByAll(Cluster cluster, Collection<String> texts) throws UndecodableRecordException {
        Map<UUID, Map<String, List<NodeStatus>>> answers = CommittedRecords.answers(cluster);
        Map<String, List<UUID>> onLedger = CommittedRecords.commandsByText(cluster);
        return texts.stream().flatMap(text -> onLedger.get(text).stream())
                .allMatch(id -> answers.getOrDefault(id, Map.of()).keySet().containsAll(NODES));
    }
}
