package io.ecledger.api.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecledger.api.testing.Cluster;
import io.ecledger.api.testing.ManagerFixture;
import io.ecledger.api.testing.SeededCluster;
import io.ecledger.ledger.event.NodeStatus;
import io.ecledger.ledger.testing.KafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent's process killed with {@code kill -9} while it runs a command: the views show the node running, never an
 * answer it did not give, then timed out at the deadline (it got the command: not undelivered); started again past the
 * delivery deadline, it answers EXPIRED and does not run the command a second time.
 */
@Tag("faults")
@ExtendWith(KafkaBroker.class)
class AgentKilledMidCommandIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern COMMAND_ID = Pattern.compile("command ([0-9a-f-]{36}) at ledger offset");
    private static final String NODE = "rh52slow";

    @TempDir
    Path state;

    @Test
    void aNodeKilledWhileRunningShowsRunningThenTimedOutAndAnswersExpiredWhenBack(KafkaBroker.Handle broker)
            throws Exception {
        try (Cluster cluster = SeededCluster.fresh(broker).withoutNodes().with("commandTimeout", "15s")
                .with("deliveryTimeout", "10s").start()) {
            ManagerFixture manager = cluster.manager();
            Process agent = startAgent(cluster);
            EcnodeProcess.awaitJoined(manager, NODE, state);
            Matcher sent = COMMAND_ID.matcher(manager.console("unicast " + NODE + " sleep 120").body());
            assertThat(sent.find()).isTrue();
            String id = sent.group(1);
            await().atMost(Duration.ofSeconds(30)).until(() -> state(manager, id).equals("RUNNING"));

            EcnodeProcess.kill(agent);

            List<String> seen = new ArrayList<>();
            await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200)).until(() -> {
                String now = state(manager, id);
                if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(now)) {
                    seen.add(now);
                }
                return now.equals("TIMED_OUT");
            });
            assertThat(seen).as("the states the views went through").containsExactly("RUNNING", "TIMED_OUT");
            assertThat(answers(cluster, id)).as("no answer was committed by the killed agent").isEmpty();

            agent = startAgent(cluster);
            try {
                await().atMost(Duration.ofSeconds(120)).until(() -> state(manager, id).equals("ANSWERED"));
            } finally {
                agent.destroyForcibly();
                agent.waitFor(30, TimeUnit.SECONDS);
            }
            assertThat(answers(cluster, id)).containsExactly(NodeStatus.EXPIRED);
            JsonNode node = JSON.readTree(manager.get("/v1/commands/" + id).body()).get("nodes").get(0);
            assertThat(node.get("output").asText()).startsWith("not run: it had to start by");
        }
    }

    private static String state(ManagerFixture manager, String id) throws java.io.IOException {
        return JSON.readTree(manager.get("/v1/commands/" + id).body()).get("nodes").get(0).get("state").asText();
    }

    private static List<NodeStatus> answers(Cluster cluster, String id) throws Exception {
        Map<String, List<NodeStatus>> byNode = CommittedRecords.answers(cluster).getOrDefault(UUID.fromString(id),
                Map.of());
        return byNode.getOrDefault(NODE, List.of());
    }

    private Process startAgent(Cluster cluster) throws Exception {
        return EcnodeProcess.start(cluster, NODE, state);
    }
}
