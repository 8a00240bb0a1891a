package io.ecledger.api.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecledger.api.cli.EcledgerMain;
import io.ecledger.api.testing.Cluster;
import io.ecledger.api.testing.ManagerFixture;
import io.ecledger.api.testing.SeededCluster;
import io.ecledger.ledger.event.NodeIdentity;
import io.ecledger.ledger.sign.KeyFingerprint;
import io.ecledger.ledger.sign.ManagerKey;
import io.ecledger.ledger.testing.KafkaBroker;
import io.ecledger.node.agent.AgentSettings;
import io.ecledger.node.agent.NodeAgent;
import io.ecledger.node.executor.SimulatedNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ecledger key rotate} on a running manager: agents pinned to the old key follow the {@code KeyRotated} event
 * it signed, whether they were running at the time or start later with only the old key file.
 */
@ExtendWith(KafkaBroker.class)
class ManagerKeyRotationIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path keys;

    private static void answeredByAll(ManagerFixture manager, String command, String... nodes) {
        assertThat(manager.console("broadcast " + command).statusCode()).isEqualTo(200);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(manager.console("retrieve " + command).body())
                .contains(nodes).doesNotContain("pending", "REJECTED"));
    }

    @Test
    void agentsPinnedToTheOldKeyFollowARotationOnTheRunningManagerAndSoDoesOneStartedLaterWithTheOldKeyFile(
            KafkaBroker.Handle broker) throws Exception {
        try (Cluster cluster = SeededCluster.fresh(broker).start()) {
            ManagerFixture manager = cluster.manager();
            Path oldKeyFile = Files.copy(cluster.managerPublicKey(), keys.resolve("old.pub.pem"));
            PublicKey oldKey = ManagerKey.readPublic(oldKeyFile);
            answeredByAll(manager, "sieve:before flush cache", "rh52bare (east): OK", "rh52mgr (east): OK",
                    "rh52bar2 (west): OK");

            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int exit = EcledgerMain.run(new String[] {"key", "rotate", "--admin", String.valueOf(manager.adminPort()),
                    "--token-file", manager.adminTokenFile().toString()},
                    new PrintWriter(out, true), new PrintWriter(err, true));

            assertThat(exit).as(err.toString()).isZero();
            JsonNode published = JSON.readTree(manager.get("/v1/keys/manager").body());
            String fingerprint = published.get("fingerprint").asText();
            long rotatedAt = published.get("rotatedAt").asLong();
            assertThat(fingerprint).isNotEqualTo(KeyFingerprint.of(oldKey).value());
            assertThat(out.toString()).isEqualTo("fingerprint: " + fingerprint + "\nrotated at offset " + rotatedAt + "\n");
            assertThat(manager.console("info").body())
                    .contains("manager key: " + fingerprint + " (rotated at offset " + rotatedAt + ")");
            assertThat(KeyFingerprint.of(ManagerKey.readPublic(cluster.managerPublicKey())).value()).isEqualTo(fingerprint);
            assertThat(ManagerKey.readPublic(cluster.data().resolve("manager-key.retired-" + rotatedAt + ".pub.pem")))
                    .isEqualTo(oldKey);

            // the seed agents were started with the old key and never told of the new one but by the ledger
            answeredByAll(manager, "sieve:after flush cache", "rh52bare (east): OK", "rh52mgr (east): OK",
                    "rh52bar2 (west): OK");

            NodeAgent late = new NodeAgent(cluster.bootstrapServers(), cluster.layout(),
                    new NodeIdentity("rh52late", "west", "rh52late.example.com", "test"), oldKey,
                    SimulatedNode.of("rh52late", "west"), Clock.systemUTC(), AgentSettings.defaults());
            late.start();
            try {
                await().atMost(PATIENCE).untilAsserted(() ->
                        assertThat(manager.get("/v1/info").body()).contains("\"alive\":4,"));
                answeredByAll(manager, "sieve:late flush cache", "rh52bare (east): OK", "rh52bar2 (west): OK",
                        "rh52late (west): OK");
                assertThat(late.rejected()).isZero();

                ManagerFixture restarted = cluster.restartManager();
                assertThat(JSON.readTree(restarted.get("/v1/keys/manager").body())).isEqualTo(published);
                answeredByAll(restarted, "sieve:restarted flush cache", "rh52bare (east): OK", "rh52mgr (east): OK",
                        "rh52late (west): OK");
                assertThat(restarted.console("audit verify").body()).doesNotContain("BROKEN");
            } finally {
                late.stop();
            }
        }
    }
}
