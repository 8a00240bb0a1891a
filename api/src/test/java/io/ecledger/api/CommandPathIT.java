package io.ecledger.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ecledger.api.testing.Cluster;
import io.ecledger.api.testing.ManagerFixture;
import io.ecledger.api.testing.SeededCluster;
import io.ecledger.ledger.kafka.Ledger;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The seed's scenarios end to end: a real manager, three real node agents, a real broker, real HTTP. */
@ExtendWith(SeededCluster.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommandPathIT {

    private ManagerFixture manager;
    private Ledger ledger;

    @BeforeAll
    void joinTheSharedCluster(Cluster cluster) {
        manager = cluster.manager();
        ledger = cluster.ledger();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(manager.console("show cluster membership").body())
                .contains("rh52bare", "rh52mgr", "rh52bar2"));
    }

    @Test
    void broadcastThenRetrieveShowsTheAnswerOfEveryNode() {
        HttpResponse<String> sent = manager.console("broadcast sieve:sieve1 flush cache");

        assertThat(sent.statusCode()).isEqualTo(200);
        assertThat(sent.body()).contains("3 node(s)");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String answer = manager.console("retrieve sieve:sieve1 flush cache").body();
            assertThat(answer).contains("rh52bare (east): OK", "rh52mgr (east): OK", "rh52bar2 (west): OK")
                    .doesNotContain("pending");
        });
    }

    @Test
    void subclusterBroadcastReachesOnlyThatSubclusterAndSubclusterRetrieveShowsOnlyIt() {
        assertThat(manager.console("subcluster broadcast west version").statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String answer = manager.console("subcluster retrieve west version").body();
            assertThat(answer).contains("rh52bar2 (west): OK").doesNotContain("rh52bare", "rh52mgr", "pending");
        });
    }

    @Test
    void unicastReachesOneNodeAndRetrieveNodeShowsItsAnswer() {
        assertThat(manager.console("unicast rh52mgr summary").statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String answer = manager.console("retrieve_node rh52mgr summary").body();
            assertThat(answer).contains("rh52mgr (east): OK").doesNotContain("rh52bare", "rh52bar2");
        });
        assertThat(manager.console("retrieve summary").body())
                .as("a unicast is not a broadcast").startsWith("no command 'summary' for broadcast");
    }

    @Test
    void flushControlCacheEmptiesTheResultsBufferButTheCommandStaysOnRecord() throws Exception {
        manager.console("broadcast sieve:flushme flush cache");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                manager.console("retrieve sieve:flushme flush cache").body()).doesNotContain("pending"));
        String commandId = commandIdOf(manager.console("retrieve sieve:flushme flush cache").body());

        HttpResponse<String> flushed = manager.console("flush control cache");

        assertThat(flushed.statusCode()).isEqualTo(200);
        assertThat(manager.console("retrieve sieve:flushme flush cache").body())
                .startsWith("no command 'sieve:flushme flush cache'");
        assertThat(manager.get("/v1/commands/" + commandId).body()).contains("rh52bar2");
    }

    @Test
    void afterABroadcastDuravipMoveEveryNodeAgreesWhoOwnsTheAddress() {
        manager.console("broadcast cluster duravip move 10.0.5.139 to rh52bar2");
        manager.console("broadcast cluster duravip announce view");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String answer = manager.console("retrieve cluster duravip announce view").body();
            assertThat(answer).doesNotContain("pending");
            for (String node : List.of("rh52bare", "rh52mgr", "rh52bar2")) {
                assertThat(outputOf(answer, node)).containsPattern("10\\.0\\.5\\.139\\D.*rh52bar2");
            }
        });
    }

    @Test
    void aBroadcastConfigSetChangesEveryNodeAndRetrieveShowsIt() {
        manager.console("broadcast config set Debug_Level debug");
        manager.console("broadcast config get Debug_Level");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String answer = manager.console("retrieve config get Debug_Level").body();
            assertThat(answer).doesNotContain("pending");
            for (String node : List.of("rh52bare", "rh52mgr", "rh52bar2")) {
                assertThat(outputOf(answer, node)).isEqualTo("Debug_Level = \"debug\"\n");
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "unicast nosuchnode version",
            "subcluster broadcast north version",
            "broadcast",
            "broadcast    ",
            "cluster duravip announce view",
            "frobnicate",
            "retrieve_node nosuchnode version"})
    void aRefusedLineIs400AndAppendsNothing(String line) {
        long before = ledger.endOffset();

        HttpResponse<String> answer = manager.console(line);

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).isNotBlank();
        assertThat(ledger.endOffset()).isEqualTo(before);
    }

    @Test
    void anOversizedLineIs400AndAppendsNothing() {
        long before = ledger.endOffset();

        HttpResponse<String> answer = manager.console("broadcast " + "x".repeat(10_000));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("line too long");
        assertThat(ledger.endOffset()).isEqualTo(before);
    }

    @Test
    void restCommandsAreAcceptedAndFollowedToEveryAnswer() {
        HttpResponse<String> accepted = manager.postJson("/v1/commands",
                "{\"target\": {\"subcluster\": \"east\"}, \"command\": \"sieve:rest flush cache\"}");

        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(accepted.body()).contains("\"expectedNodes\":[\"rh52bare\",\"rh52mgr\"]");
        String commandId = jsonString(accepted.body(), "commandId");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(manager.get("/v1/commands/" + commandId).body())
                .contains("\"node\":\"rh52bare\"", "\"node\":\"rh52mgr\"").doesNotContain("PENDING"));
        assertThat(manager.get("/v1/commands/" + commandId).body())
                .contains("\"target\":{\"subcluster\":\"east\"}")
                .containsPattern("\"issuedAt\":\"\\d{4}-\\d\\d-\\d\\dT");
        assertThat(manager.get("/v1/subclusters/east/results?command=sieve:rest%20flush%20cache").statusCode()).isEqualTo(200);
        assertThat(manager.get("/v1/results/nodes/rh52mgr?command=sieve:rest%20flush%20cache").body()).contains("rh52mgr")
                .doesNotContain("rh52bare");
    }

    @Test
    void restRefusesAnUnknownNodeWithCodeAndMessageAndAppendsNothing() {
        long before = ledger.endOffset();

        HttpResponse<String> refused = manager.postJson("/v1/commands",
                "{\"target\": {\"node\": \"nosuchnode\"}, \"command\": \"version\"}");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("\"code\":\"unknown-node\"", "unknown node 'nosuchnode'");
        assertThat(ledger.endOffset()).isEqualTo(before);
    }

    @Test
    void membershipInfoVersionAndHealthAnswer() {
        assertThat(manager.get("/v1/membership").body()).contains("rh52bare", "rh52mgr", "rh52bar2", "\"alive\":true");
        assertThat(manager.get("/v1/info").body()).contains("\"cluster\":\"test-cluster\"", "\"nodes\":3");
        assertThat(manager.get("/v1/version").body()).contains("ecledger eccmgr version");
        assertThat(manager.console("info").body()).contains("nodes: 3 (3 alive) in 2 subcluster(s)");
        assertThat(manager.console("help").body()).contains("subcluster broadcast NAME [ROLLOUT] COMMAND");
        HttpResponse<String> health = manager.admin("/healthcheck");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"kafka\"", "\"projection-lag\"", "\"h2\"");
        assertThat(manager.admin("/metrics").body()).contains("ecledger.projection.ledger-lag", "ecledger.skipped-records");
    }

    private static String commandIdOf(String retrieveAnswer) {
        Matcher m = Pattern.compile("command ([0-9a-f-]{36})").matcher(retrieveAnswer);
        assertThat(m.find()).as("command id in %s", retrieveAnswer).isTrue();
        return m.group(1);
    }

    private static String jsonString(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":\"([^\"]+)\"").matcher(json);
        assertThat(m.find()).as("%s in %s", field, json).isTrue();
        return m.group(1);
    }

    /** The indented output lines under one node's status line of a retrieve answer. */
    private static String outputOf(String answer, String node) {
        StringBuilder out = new StringBuilder();
        boolean inside = false;
        for (String line : answer.split("\n")) {
            if (line.startsWith(node + " (")) {
                inside = true;
            } else if (!line.startsWith("  ")) {
                inside = false;
            } else if (inside) {
                out.append(line.trim()).append('\n');
            }
        }
        return out.toString();
    }
}
