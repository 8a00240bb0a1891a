package io.ecledger.api.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecledger.api.testing.Cluster;
import io.ecledger.api.testing.ManagerFixture;
import io.ecledger.api.testing.SeededCluster;
import io.ecledger.ledger.event.NodeStatus;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manager and the seed's three agents on a real three-broker cluster (replication 3, two in sync) while
 * {@code kill -9} takes out the broker leading the ledger partition under a steady 200 commands a second sent to the
 * manager's REST API: no acknowledged command and no answer is lost or written twice, the manager and the agents carry
 * on, and the time to recover is printed. Counted by independent {@code read_committed} consumers.
 */
@Tag("faults")
class BrokerKillIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RATE = 200;
    private static final Duration BEFORE_KILL = Duration.ofSeconds(5);
    private static final Duration AFTER_KILL = Duration.ofSeconds(15);
    private static final List<String> NODES = List.of("rh52bare", "rh52mgr", "rh52bar2");

    @TempDir
    Path directory;

    @Test
    void killingTheLedgerLeaderUnder200CommandsASecondLosesNoAcknowledgedCommandOrAnswer() throws Exception {
        try (ThreeBrokerCluster brokers = ThreeBrokerCluster.up(directory);
                // a deadline long enough for the backlog the kill leaves: commands are run late rather than EXPIRED
                Cluster cluster = SeededCluster.fresh(brokers).with("kafka.replicationFactor", "3")
                        .with("kafka.minInsyncReplicas", "2").with("commandTimeout", "120s").start()) {
            ManagerFixture manager = cluster.manager();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(manager.console("info").body()).contains("nodes: 3 (3 alive)"));
            int leader = brokers.admin().describeTopics(List.of(cluster.layout().ledger())).allTopicNames()
                    .get(30, TimeUnit.SECONDS).get(cluster.layout().ledger()).partitions().get(0).leader().id();

            Map<String, CompletableFuture<HttpResponse<String>>> sent = new HashMap<>();
            Map<String, Long> sentAt = new HashMap<>();
            Map<String, Long> answeredAt = new ConcurrentHashMap<>();
            long start = System.nanoTime();
            long kill = start + BEFORE_KILL.toNanos();
            long end = kill + AFTER_KILL.toNanos();
            long interval = TimeUnit.SECONDS.toNanos(1) / RATE;
            long killedAt = 0;
            // one command every 5 ms whatever the answers take: the kill lands while commands flow
            for (long next = start; next < end; next += interval) {
                if (killedAt == 0 && next >= kill) {
                    brokers.kill(leader);
                    killedAt = System.nanoTime();
                }
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                String text = "sieve:s" + sent.size() + " flush cache";
                String node = NODES.get(sent.size() % NODES.size());
                sentAt.put(text, System.nanoTime());
                CompletableFuture<HttpResponse<String>> answer = manager.postJsonAsync("/v1/commands",
                        "{\"target\": {\"node\": \"" + node + "\"}, \"command\": \"" + text + "\"}");
                answer.thenRun(() -> answeredAt.put(text, System.nanoTime()));
                sent.put(text, answer);
            }
            Map<String, String> outcome = new HashMap<>();
            Map<String, UUID> accepted = new HashMap<>();
            for (Map.Entry<String, CompletableFuture<HttpResponse<String>>> answer : sent.entrySet()) {
                String text = answer.getKey();
                try {
                    HttpResponse<String> response = answer.getValue().get(5, TimeUnit.MINUTES);
                    outcome.put(text, response.statusCode() == 202 ? "202" : response.statusCode() + " " + code(response));
                    if (response.statusCode() == 202) {
                        accepted.put(text, field(response, "commandId"));
                    }
                } catch (ExecutionException e) {
                    // the connection closed with no answer: neither accepted nor refused, as with any network failure
                    assertThat(e.getCause()).as(text).isInstanceOf(IOException.class);
                    outcome.put(text, "no answer");
                }
            }
            Map<String, Integer> outcomes = new TreeMap<>();
            outcome.values().forEach(o -> outcomes.merge(o, 1, Integer::sum));
            // every command on the ledger, accepted or not, is answered by its node
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).until(() -> {
                Map<UUID, Map<String, List<NodeStatus>>> answers = CommittedRecords.answers(cluster);
                return CommittedRecords.commandsByText(cluster).values().stream().flatMap(List::stream)
                        .allMatch(answers::containsKey);
            });
            Map<String, List<UUID>> onLedger = CommittedRecords.commandsByText(cluster);
            Map<UUID, Map<String, List<NodeStatus>>> answers = CommittedRecords.answers(cluster);

            long expired = answers.values().stream().flatMap(byNode -> byNode.values().stream())
                    .filter(statuses -> statuses.contains(NodeStatus.EXPIRED)).count();
            long killed = killedAt;
            long longestWait = accepted.keySet().stream().filter(text -> answeredAt.get(text) > killed)
                    .mapToLong(text -> answeredAt.get(text) - sentAt.get(text)).max().orElseThrow();
            long acceptedAfterKill = accepted.keySet().stream().filter(text -> sentAt.get(text) > killed).count();
            System.out.printf("broker kill: node %d (the ledger's leader) killed -9 under %d commands/s to the manager; "
                            + "%d sent: %s; %d on the ledger, each answered once by its node (%d EXPIRED); recovered in %d ms (the "
                            + "longest wait of a command accepted after the kill)%n", leader, RATE, sent.size(), outcomes,
                    onLedger.size(), expired, TimeUnit.NANOSECONDS.toMillis(longestWait));

            assertThat(outcomes.keySet()).as("every send answered 202 or 503")
                    .isSubsetOf("202", "503 ledger-unavailable", "503 ledger-outcome-unknown", "no answer");
            assertThat(accepted).allSatisfy((text, id) ->
                    assertThat(onLedger.get(text)).as("%s (accepted) on the ledger", text).containsExactly(id));
            outcome.forEach((text, o) -> {
                if (o.equals("503 ledger-unavailable")) {
                    assertThat(onLedger).as("%s was refused, so it is not on the ledger", text).doesNotContainKey(text);
                }
            });
            assertThat(onLedger.keySet()).isSubsetOf(sent.keySet());
            onLedger.forEach((text, ids) -> {
                assertThat(ids).as("%s on the ledger once", text).hasSize(1);
                String node = NODES.get(Integer.parseInt(text.substring("sieve:s".length(), text.indexOf(' ')))
                        % NODES.size());
                // EXPIRED when the outage held the command past its deadline before the agent saw it
                assertThat(answers.get(ids.get(0))).as("answers to %s", text).containsOnlyKeys(node)
                        .hasEntrySatisfying(node, statuses -> assertThat(statuses).singleElement()
                                .isIn(NodeStatus.OK, NodeStatus.EXPIRED));
            });
            assertThat(acceptedAfterKill).as("commands sent after the kill and accepted").isGreaterThan(RATE);
        }
    }

    private static String code(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body()).path("code").asText();
        } catch (IOException e) {
            return "(not JSON: " + response.body() + ")";
        }
    }

    private static UUID field(HttpResponse<String> response, String name) {
        try {
            return UUID.fromString(JSON.readTree(response.body()).path(name).asText());
        } catch (IOException e) {
            throw new AssertionError("a 202 whose body is not JSON: " + response.body(), e);
        }
    }
}
