package io.ecledger.api.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ecledger.api.testing.Cluster;
import io.ecledger.api.testing.ManagerFixture;
import io.ecledger.api.testing.SeededCluster;
import io.ecledger.ledger.event.NodeStatus;
import io.ecledger.ledger.testing.KafkaBroker;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node agent's process killed with {@code kill -9} twenty times at random points while commands flow to it: every
 * command ends with exactly one committed answer from the node (OK, or EXPIRED when it came back past the deadline),
 * counted by an independent {@code read_committed} consumer of the responses topic.
 */
@Tag("faults")
@ExtendWith(KafkaBroker.class)
class AgentKillIT {

    private static final Pattern COMMAND_ID = Pattern.compile("command ([0-9a-f-]{36}) at ledger offset");
    private static final int KILLS = 20;
    // not a seed node: the manager has no key preseeded for it, so it accepts the one the agent makes
    private static final String NODE = "rh52kill";

    @TempDir
    Path state;

    @Test
    void everyCommandGetsExactlyOneAnswerFromANodeKilledTwentyTimes(KafkaBroker.Handle broker) throws Exception {
        // long enough that a command sent just before a kill is still run by the agent that comes back
        try (Cluster cluster = SeededCluster.fresh(broker).withoutNodes().with("commandTimeout", "60s").start()) {
            ManagerFixture manager = cluster.manager();
            Process agent = startAgent(cluster);
            EcnodeProcess.awaitJoined(manager, NODE, state);

            Random random = new Random(13);
            List<UUID> sent = new ArrayList<>();
            for (int kill = 0; kill < KILLS; kill++) {
                // a random point: between 0 and 3 s of commands, one every 100 ms, before the kill
                long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(random.nextInt(3_000));
                do {
                    send(manager, sent);
                    TimeUnit.MILLISECONDS.sleep(100);
                } while (System.nanoTime() < until);
                kill(agent);
                send(manager, sent);
                agent = startAgent(cluster);
            }
            send(manager, sent);
            try {
                await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(2)).until(() ->
                        answersOf(cluster).keySet().containsAll(sent));
            } finally {
                kill(agent);
            }

            Map<UUID, List<NodeStatus>> answers = answersOf(cluster);
            long expired = answers.values().stream().filter(a -> a.equals(List.of(NodeStatus.EXPIRED))).count();
            System.out.printf("agent kill: %d kill -9s, %d commands, every one answered once (%d EXPIRED)%n", KILLS,
                    sent.size(), expired);
            assertThat(sent).hasSizeGreaterThan(KILLS);
            assertThat(sent).allSatisfy(id -> assertThat(answers.get(id)).as("answers to %s", id).hasSize(1)
                    .allSatisfy(status -> assertThat(status).isIn(NodeStatus.OK, NodeStatus.EXPIRED)));
            assertThat(answers.keySet()).isSubsetOf(sent);
        }
    }

    private Process startAgent(Cluster cluster) throws Exception {
        return EcnodeProcess.start(cluster, NODE, state);
    }

    private static void kill(Process agent) throws InterruptedException {
        EcnodeProcess.kill(agent);
    }

    private static void send(ManagerFixture manager, List<UUID> sent) {
        HttpResponse<String> answer = manager.console("unicast " + NODE + " summary");
        Matcher id = COMMAND_ID.matcher(answer.body());
        if (answer.statusCode() == 200 && id.find()) {
            sent.add(UUID.fromString(id.group(1)));
        }
    }

    /** Every committed answer of the node, by command. */
    private static Map<UUID, List<NodeStatus>> answersOf(Cluster cluster) {
        Map<UUID, List<NodeStatus>> answers = new HashMap<>();
        try {
            CommittedRecords.answers(cluster).forEach((id, byNode) -> {
                if (byNode.containsKey(NODE)) {
                    answers.put(id, byNode.get(NODE));
                }
            });
        } catch (io.ecledger.ledger.codec.UndecodableRecordException e) {
            throw new AssertionError("a response the test cannot read: " + e.getMessage(), e);
        }
        return answers;
    }
}
