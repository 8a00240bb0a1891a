package io.ecledger.api.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecledger.api.testing.Cluster;
import io.ecledger.api.testing.ManagerFixture;
import io.ecledger.api.testing.SeededCluster;
import io.ecledger.ledger.event.NodeIdentity;
import io.ecledger.ledger.event.OutputParts;
import io.ecledger.ledger.sign.ManagerKey;
import io.ecledger.ledger.testing.KafkaBroker;
import io.ecledger.node.agent.AgentSettings;
import io.ecledger.node.agent.NodeAgent;
import io.ecledger.node.executor.EcConsoleExecutor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 1 MiB answer from a real console program, on a real broker and manager: the answer carries 64 KiB inline, the
 * rest follows in parts, and {@code GET /v1/commands/{id}/nodes/{node}/output} and {@code history show} give it back
 * byte for byte.
 */
@ExtendWith(KafkaBroker.class)
class LongOutputIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SENT = Pattern.compile("command ([0-9a-f-]{36}) at ledger offset (\\d+)");
    private static final int MIB = 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void aMebibyteOfOutputComesBackByteForByte(KafkaBroker.Handle broker) throws Exception {
        byte[] expected = mebibyte();
        Path big = Files.write(dir.resolve("big.txt"), expected);
        Path console = dir.resolve("ec_console");
        Files.writeString(console, "#!/bin/sh\ncat > /dev/null\ncat '" + big + "'\n");
        Files.setPosixFilePermissions(console, PosixFilePermissions.fromString("rwx------"));
        try (Cluster cluster = SeededCluster.fresh(broker).withoutNodes().start();
                NodeAgent agent = new NodeAgent(cluster.bootstrapServers(), cluster.layout(),
                        new NodeIdentity("bignode", "east", "bignode.example.com", "test"),
                        ManagerKey.readPublic(cluster.managerPublicKey()),
                        new EcConsoleExecutor(console, Duration.ofSeconds(20), 4 * MIB), Clock.systemUTC(),
                        AgentSettings.defaults())) {
            ManagerFixture manager = cluster.manager();
            agent.start();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(manager.console("show cluster membership").body()).contains("bignode"));

            Matcher sent = SENT.matcher(manager.console("unicast bignode show everything").body());
            assertThat(sent.find()).isTrue();
            String id = sent.group(1);
            long offset = Long.parseLong(sent.group(2));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(manager.get("/v1/commands/" + id + "/nodes/bignode/output").statusCode()).isEqualTo(200));

            HttpResponse<byte[]> whole = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(manager.endpoint() + "/v1/commands/" + id + "/nodes/bignode/output"))
                    .header("Authorization", manager.authorization().orElseThrow()).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(whole.body()).isEqualTo(expected);

            JsonNode node = JSON.readTree(manager.get("/v1/commands/" + id).body()).get("nodes").get(0);
            assertThat(node.get("status").asText()).isEqualTo("OK");
            assertThat(node.get("output").asText().getBytes(StandardCharsets.UTF_8).length)
                    .isLessThanOrEqualTo(OutputParts.DEFAULT_INLINE);
            // 1 MiB is sixteen 64 KiB pieces; a piece never ends inside a character, so one more may be needed
            assertThat(node.get("outputParts").asInt()).isBetween(15, 16);
            JsonNode shown = JSON.readTree(manager.get("/v1/history/" + offset).body());
            assertThat(shown.get("command").get("nodes").get(0).get("output").asText().getBytes(StandardCharsets.UTF_8))
                    .isEqualTo(expected);
            assertThat(manager.get("/v1/commands/" + id + "/nodes/nosuchnode/output").statusCode()).isEqualTo(404);
        }
    }

    /** Exactly 1 MiB of UTF-8: lines of characters one to four bytes long, ASCII to fill up. */
    private static byte[] mebibyte() {
        StringBuilder text = new StringBuilder();
        int size = 0;
        for (int i = 0; size < MIB - 100; i++) {
            String line = "line " + i + ": caf\u00e9 \u2603 \uD834\uDD1E\n";
            text.append(line);
            size += line.getBytes(StandardCharsets.UTF_8).length;
        }
        byte[] start = text.toString().getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[MIB];
        System.arraycopy(start, 0, bytes, 0, start.length);
        java.util.Arrays.fill(bytes, start.length, MIB, (byte) 'x');
        return bytes;
    }
}
