package io.ecledger.api.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.dropwizard.testing.ConfigOverride;
import io.ecledger.api.ManagerFixture;
import io.ecledger.api.SeedNodes;
import io.ecledger.ledger.kafka.TopicLayout;
import io.ecledger.ledger.testing.KafkaBroker;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpResponse;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(KafkaBroker.class)
class ControlListenerIT {

    private static ManagerFixture manager(KafkaBroker.Handle broker, String prefix, Path data, Path socket,
            ConfigOverride... more) {
        ConfigOverride[] overrides = new ConfigOverride[more.length + 2];
        overrides[0] = ConfigOverride.config("controlListener.enabled", "true");
        overrides[1] = ConfigOverride.config("controlListener.path", socket.toString());
        System.arraycopy(more, 0, overrides, 2, more.length);
        return new ManagerFixture(broker, prefix, data, overrides);
    }

    private static String prefix(KafkaBroker.Handle broker) {
        return broker.uniquePrefix().replaceAll("\\.+$", "");
    }

    @Test
    void socketAnswersEqualRestAnswersForTheSameLines(KafkaBroker.Handle broker, @TempDir Path data) throws Exception {
        String prefix = prefix(broker);
        Path socket = data.resolve("ctl");
        try (SeedNodes nodes = SeedNodes.start(broker.bootstrapServers(), new TopicLayout(prefix));
                ManagerFixture manager = manager(broker, prefix, data, socket).start();
                ControlClient console = new ControlClient(socket)) {
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
    void theActorOfASocketCommandIsTheConnectingOsUser(KafkaBroker.Handle broker, @TempDir Path data) throws Exception {
        String prefix = prefix(broker);
        Path socket = data.resolve("ctl");
        try (SeedNodes nodes = SeedNodes.start(broker.bootstrapServers(), new TopicLayout(prefix));
                ManagerFixture manager = manager(broker, prefix, data, socket).start();
                ControlClient console = new ControlClient(socket)) {
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
    void aStaleSocketLeftByACrashedManagerIsReplaced(KafkaBroker.Handle broker, @TempDir Path data) throws Exception {
        Path socket = data.resolve("ctl");
        try (ServerSocketChannel crashed = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            crashed.bind(UnixDomainSocketAddress.of(socket));
        }
        assertThat(socket).exists();

        try (ManagerFixture manager = manager(broker, prefix(broker), data, socket).start();
                ControlClient console = new ControlClient(socket)) {
            assertThat(console.send("version").text()).startsWith("ecledger eccmgr version");
        }
    }

    @Test
    void twoManagersCannotShareOneSocket(KafkaBroker.Handle broker, @TempDir Path first, @TempDir Path second)
            throws Exception {
        Path socket = first.resolve("ctl");
        try (ManagerFixture running = manager(broker, prefix(broker), first, socket).start()) {
            ManagerFixture intruder = manager(broker, prefix(broker), second, socket);

            assertThatThrownBy(intruder::start).hasStackTraceContaining("is served by another running manager");
            intruder.close();
            try (ControlClient console = new ControlClient(socket)) {
                assertThat(console.send("version").ok()).as("the first manager keeps its socket").isTrue();
            }
        }
    }

    @Test
    @Timeout(60)
    void anIdleConnectionIsClosedAfterTheTimeout(KafkaBroker.Handle broker, @TempDir Path data) throws Exception {
        Path socket = data.resolve("ctl");
        try (ManagerFixture manager = manager(broker, prefix(broker), data, socket,
                ConfigOverride.config("controlListener.idleTimeout", "1s")).start();
                ControlClient console = new ControlClient(socket)) {
            assertThat(console.send("version").ok()).isTrue();

            assertThat(console.closedByManager()).isTrue();
        }
    }
}
