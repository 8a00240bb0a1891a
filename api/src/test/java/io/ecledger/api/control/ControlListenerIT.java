package io.ecledger.api.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecledger.api.testing.Cluster;
import io.ecledger.api.testing.ManagerFixture;
import io.ecledger.api.testing.SeededCluster;
import io.ecledger.ledger.testing.KafkaBroker;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpResponse;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith({KafkaBroker.class, SeededCluster.class})
class ControlListenerIT {

    @Test
    void socketAnswersEqualRestAnswersForTheSameLines(Cluster shared) throws Exception {
        Path socket = shared.socket();
        ManagerFixture manager = shared.manager();
        try (ControlClient console = new ControlClient(socket)) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(console.send("info").text()).contains("nodes: 3 (3 alive)"));
            ControlClient.Answer sent = console.send("broadcast version");
            assertThat(sent.ok()).isTrue();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(console.send("retrieve version").text()).doesNotContain("pending"));

            for (String line : List.of("help", "help subcluster", "version", "show cluster membership", "retrieve version",
                    "retrieve_node rh52bar2 version", "unicast nosuchnode version", "cluster duravip announce view",
                    "frobnicate", "broadcast")) {
                HttpResponse<String> rest = manager.console(line);
                ControlClient.Answer viaSocket = console.send(line);
                assertThat(viaSocket.text()).as(line).isEqualTo(rest.body());
                assertThat(viaSocket.ok()).as(line).isEqualTo(rest.statusCode() == 200);
            }
            assertThat(Files.getPosixFilePermissions(socket)).isEqualTo(PosixFilePermissions.fromString("rw-rw-rw-"));
        }
    }

    @Test
    void theActorOfASocketCommandIsTheConnectingOsUser(Cluster shared) throws Exception {
        ManagerFixture manager = shared.manager();
        try (ControlClient console = new ControlClient(shared.socket())) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(console.send("\0completions").text()).contains("\"rh52bare\"", "\"west\""));

            String answer = console.send("unicast rh52bare version").text();

            Matcher id = Pattern.compile("command ([0-9a-f-]{36})").matcher(answer);
            assertThat(id.find()).isTrue();
            assertThat(manager.get("/v1/commands/" + id.group(1)).body())
                    .contains("\"actor\":\"" + System.getProperty("user.name") + "\"");
        }
    }

    @Test
    void followOverTheSocketTellsEachStateOnceInOrderThenTheCountsAndTheSessionGoesOn(Cluster shared) throws Exception {
        ObjectMapper json = new ObjectMapper();
        try (ControlClient console = new ControlClient(shared.socket())) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(console.send("info").text()).contains("nodes: 3 (3 alive)"));
            Matcher id = Pattern.compile("command ([0-9a-f-]{36})").matcher(console.send("unicast rh52mgr sleep 1").text());
            assertThat(id.find()).isTrue();

            List<ControlClient.Frame> frames = console.follow(id.group(1));

            ControlClient.Frame last = frames.get(frames.size() - 1);
            assertThat(last.status()).as(last.text()).isEqualTo("OK");
            JsonNode done = json.readTree(last.text());
            assertThat(done.get("event").asText()).isEqualTo("done");
            assertThat(done.get("data").get("counts").get("ok").asInt()).isEqualTo(1);
            List<JsonNode> events = new ArrayList<>();
            for (ControlClient.Frame frame : frames.subList(0, frames.size() - 1)) {
                assertThat(frame.status()).isEqualTo("EVENT");
                JsonNode event = json.readTree(frame.text());
                if (!event.get("event").asText().equals("keep-alive")) {
                    events.add(event);
                }
            }
            assertThat(events).extracting(event -> event.get("id").asLong())
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, events.size()).boxed().toList());
            assertThat(done.get("id").asLong()).isEqualTo(events.size() + 1);
            assertThat(events).extracting(event -> event.get("data").get("state").asText()).as("told once each, in order")
                    .isIn(List.of("PENDING", "RUNNING", "ANSWERED"), List.of("RUNNING", "ANSWERED"),
                            List.of("PENDING", "ANSWERED"), List.of("ANSWERED"));
            assertThat(events.get(events.size() - 1).get("data").get("status").asText()).isEqualTo("OK");

            List<ControlClient.Frame> unknown = console.follow("00000000-0000-0000-0000-000000000000");
            assertThat(unknown).containsExactly(
                    new ControlClient.Frame("no command 00000000-0000-0000-0000-000000000000", "REFUSED"));
            assertThat(console.send("version").ok()).as("the session serves lines after a stream").isTrue();
        }
    }

    @Test
    void aStaleSocketLeftByACrashedManagerIsReplaced(KafkaBroker.Handle broker, @TempDir Path data) throws Exception {
        Path socket = data.resolve("ctl");
        try (ServerSocketChannel crashed = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            crashed.bind(UnixDomainSocketAddress.of(socket));
        }
        assertThat(socket).exists();

        try (Cluster cluster = SeededCluster.fresh(broker).withoutNodes().withControlSocket(socket).start();
                ControlClient console = new ControlClient(socket)) {
            assertThat(console.send("version").text()).startsWith("ecledger eccmgr version");
        }
    }

    @Test
    void twoManagersCannotShareOneSocket(KafkaBroker.Handle broker, Cluster running) throws Exception {
        Path socket = running.socket();
        Cluster.Builder intruder = SeededCluster.fresh(broker).withoutNodes().withControlSocket(socket);

        assertThatThrownBy(intruder::start).hasStackTraceContaining("is served by another running manager");
        try (ControlClient console = new ControlClient(socket)) {
            assertThat(console.send("version").ok()).as("the first manager keeps its socket").isTrue();
        }
    }

    @Test
    @Timeout(60)
    void anIdleConnectionIsClosedAfterTheTimeout(KafkaBroker.Handle broker) throws Exception {
        try (Cluster cluster = SeededCluster.fresh(broker).withoutNodes().withControlSocket()
                .with("controlListener.idleTimeout", "1s").start();
                ControlClient console = new ControlClient(cluster.socket())) {
            assertThat(console.send("version").ok()).isTrue();

            assertThat(console.closedByManager()).isTrue();
        }
    }
}
