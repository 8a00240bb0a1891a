package io.ecledger.api.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecledger.api.testing.Cluster;
import io.ecledger.api.testing.ManagerFixture;
import io.ecledger.api.testing.SeededCluster;
import io.ecledger.ledger.testing.KafkaBroker;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The filesystem under the manager's H2 file filled to the last byte (a size-limited tmpfs, mounted for the test: a
 * write there fails with ENOSPC as on a real full disk): sends are still accepted (the ledger is Kafka), health turns
 * red saying the disk is full, the manager keeps answering, nothing is lost from the ledger (counted by an independent
 * {@code read_committed} consumer), and once the filler is deleted the views catch up on their own, with every
 * node's answer.
 */
@Tag("faults")
@ExtendWith(KafkaBroker.class)
class DiskFullIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> NODES = List.of("rh52bare", "rh52mgr", "rh52bar2");
    private static final int SENDS = 12;

    private Path mount;

    @BeforeEach
    void mountASmallFilesystem() throws Exception {
        mount = Files.createTempDirectory("ecledger-diskfull");
        // 32 MB: room for the H2 file as the manager makes it, and small enough to fill in a moment
        run("mount", "-t", "tmpfs", "-o", "size=32m", "tmpfs", mount.toString());
    }

    @AfterEach
    void unmount() throws Exception {
        if (mount != null) {
            run("umount", "-l", mount.toString());
            Files.deleteIfExists(mount);
        }
    }

    @Test
    void withTheH2DiskFullSendsAreAcceptedHealthSaysSoAndTheViewsCatchUpOnceThereIsRoom(KafkaBroker.Handle broker)
            throws Exception {
        Path filler = mount.resolve("filler");
        try (Cluster cluster = SeededCluster.fresh(broker)
                .with("database.driverClass", "org.h2.Driver")
                .with("database.url", "jdbc:h2:file:" + mount.resolve("ecledger"))
                .with("database.user", "sa")
                .with("database.password", "")
                .start()) {
            ManagerFixture manager = cluster.manager();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(manager.console("info").body()).contains("nodes: 3 (3 alive)"));
            UUID before = send(manager, "sieve:before flush cache");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertAnsweredByAll(manager, before));
            assertThat(manager.admin("/healthcheck").statusCode()).as(manager.admin("/healthcheck").body()).isEqualTo(200);

            long filled = fill(filler);
            List<UUID> sent = new ArrayList<>();
            List<String> refused = new ArrayList<>();
            // H2 reuses free pages inside its own file first: commands until those are gone too and health turns red
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (sent.size() + refused.size() < SENDS || !stalled(manager)) {
                assertThat(System.nanoTime()).as("health red within 60 s of the disk filling up, %d sends: %s",
                        sent.size(), manager.admin("/healthcheck").body()).isLessThan(until);
                sendDuringFull(manager, sent, refused);
                TimeUnit.MILLISECONDS.sleep(100);
            }
            for (int i = 0; i < 3; i++) {
                sendDuringFull(manager, sent, refused);
            }
            String redMessage = JSON.readTree(manager.admin("/healthcheck").body()).path("projection-lag").path("message")
                    .asText();
            // the manager keeps serving: it answers, from what the views hold, once H2 has reopened the file it could
            // not write (until then a read is 503 views-unavailable, and says so)
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    assertThat(manager.console("info").statusCode()).isEqualTo(200));
            // H2 reopens a file it could not write at the last chunk it stored: the views may be behind for now
            HttpResponse<String> old = manager.get("/v1/commands/" + before);
            assertThat(old.statusCode()).as(old.body()).isIn(200, 404);
            Set<UUID> onLedger = CommittedRecords.commandsByText(cluster).values().stream().flatMap(List::stream)
                    .collect(Collectors.toSet());
            assertThat(onLedger).as("every accepted send is on the ledger while the disk is full").containsAll(sent)
                    .as("and nothing refused is").hasSize(sent.size() + 1);

            Files.delete(filler);
            assertAnsweredByAllSoon(manager, before);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(manager.admin("/healthcheck").statusCode()).as(manager.admin("/healthcheck").body())
                            .isEqualTo(200));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                for (UUID id : sent) {
                    assertAnsweredByAll(manager, id);
                }
            });
            HttpResponse<String> history = manager.console("history");
            // the one before the disk filled and every one sent while it was full, the newest first
            assertThat(history.body()).contains("history: " + (sent.size() + 1) + " command(s)");
            System.out.printf("disk full: H2's %s filled (%d bytes of filler), %d sends 202, %d refused 503 "
                            + "views-unavailable, health red (\"%s\"), "
                            + "%d commands on the ledger, all in the views with %d answers each once the filler went%n",
                    mount, filled, sent.size(), refused.size(), redMessage, onLedger.size(), NODES.size());
        }
    }

    private static void assertAnsweredByAllSoon(ManagerFixture manager, UUID id) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertAnsweredByAll(manager, id));
    }

    /** True while the admin health check is red because the projection cannot write for want of space. */
    private static boolean stalled(ManagerFixture manager) throws IOException {
        HttpResponse<String> health = manager.admin("/healthcheck");
        JsonNode projection = JSON.readTree(health.body()).path("projection-lag");
        return health.statusCode() == 500 && !projection.path("healthy").asBoolean(true)
                && projection.path("message").asText().toLowerCase(java.util.Locale.ROOT)
                        .contains("no space left on device");
    }

    /**
     * A send, answered 202 (the ledger is Kafka: a full disk under the views is no reason to refuse a command) or, while
     * the projection cannot write, 503 views-unavailable: the send needs the members' view for its expected nodes.
     */
    private static UUID send(ManagerFixture manager, String text, List<String> refused) throws IOException {
        HttpResponse<String> answer = manager.postJson("/v1/commands",
                "{\"target\": {\"broadcast\": true}, \"command\": \"" + text + "\"}");
        if (answer.statusCode() == 503 && JSON.readTree(answer.body()).path("code").asText().equals("views-unavailable")) {
            assertThat(JSON.readTree(answer.body()).path("message").asText()).as(answer.body()).contains("H2");
            refused.add(text);
            return null;
        }
        assertThat(answer.statusCode()).as("%s: %s", text, answer.body()).isEqualTo(202);
        // targeted from a membership view H2 holds in full, never one it reopened at an older state
        List<String> expected = new ArrayList<>();
        JSON.readTree(answer.body()).path("expectedNodes").forEach(node -> expected.add(node.asText()));
        assertThat(expected).as("%s: %s", text, answer.body()).containsExactlyInAnyOrderElementsOf(NODES);
        return UUID.fromString(JSON.readTree(answer.body()).path("commandId").asText());
    }

    private static UUID send(ManagerFixture manager, String text) throws IOException {
        List<String> refused = new ArrayList<>();
        UUID id = send(manager, text, refused);
        assertThat(refused).as("%s refused with the disk not full", text).isEmpty();
        return id;
    }

    private static void sendDuringFull(ManagerFixture manager, List<UUID> sent, List<String> refused) throws IOException {
        UUID id = send(manager, "sieve:full" + (sent.size() + refused.size()) + " flush cache", refused);
        if (id != null) {
            sent.add(id);
        }
    }

    private static void assertAnsweredByAll(ManagerFixture manager, UUID id) throws IOException {
        HttpResponse<String> view = manager.get("/v1/commands/" + id);
        assertThat(view.statusCode()).as("%s: %s", id, view.body()).isEqualTo(200);
        List<String> answered = new ArrayList<>();
        for (JsonNode node : JSON.readTree(view.body()).path("nodes")) {
            if (node.path("state").asText().equals("ANSWERED") && node.path("status").asText().equals("OK")) {
                answered.add(node.path("node").asText());
            }
        }
        assertThat(answered).as("%s: %s", id, view.body()).containsExactlyInAnyOrderElementsOf(NODES);
    }

    /** Writes {@code filler} until the filesystem refuses a single byte more; returns how many bytes it took. */
    private static long fill(Path filler) throws IOException {
        long written = 0;
        try (OutputStream out = Files.newOutputStream(filler)) {
            for (int chunk : new int[] {1 << 20, 4096, 1}) {
                byte[] bytes = new byte[chunk];
                try {
                    while (true) {
                        out.write(bytes);
                        out.flush();
                        written += chunk;
                    }
                } catch (IOException e) {
                    assertThat(e.getMessage()).as("the filler stopped for want of space").contains("No space left");
                }
            }
        }
        return written;
    }

    /** Runs a mount or umount; a failure fails the test saying why (this suite runs as root, to mount). */
    private static void run(String... command) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("cannot run " + String.join(" ", command) + ": " + e.getMessage()
                    + " (the disk-full fault mounts a small tmpfs and needs mount(8) and root)", e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + output.strip()
                    + " (the disk-full fault mounts a small tmpfs and needs root; user " + System.getProperty("user.name")
                    + ")");
        }
    }
}
