package io.ecledger.api.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecledger.api.testing.ProjectionTables;
import io.ecledger.ledger.codec.EventCodec;
import io.ecledger.ledger.event.CommandIssued;
import io.ecledger.ledger.event.LedgerEvent;
import io.ecledger.ledger.kafka.ClientProperties;
import io.ecledger.ledger.kafka.TopicLayout;
import io.ecledger.ledger.testing.KafkaBroker;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manager's process killed with {@code kill -9} five times at random points of a burst of 1,000 commands sent
 * over REST from a few client threads. After each restart the projection, caught up with the ledger's end, equals row
 * for row what the manager's rebuild makes of it from offset 0, and after the burst what a manager started on a copy of
 * the data directory without its H2 file rebuilds; an independent {@code read_committed} consumer finds every command
 * that got a 202 on the ledger exactly once, and no command twice.
 */
@Tag("faults")
@ExtendWith(KafkaBroker.class)
class ManagerKillIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path ECCMGR = ROOT.resolve("ops/bin/eccmgr");
    private static final Path ECLEDGER = ROOT.resolve("ops/bin/ecledger");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int COMMANDS = 1_000;
    private static final int KILLS = 5;
    private static final int CLIENTS = 4;
    private static final String ADMIN = "faults-admin";
    // the first start may build the manager (ops/lib.sh classpath), about a minute on two cores
    private static final Duration START = Duration.ofMinutes(4);
    private static final Duration CATCH_UP = Duration.ofSeconds(60);

    @TempDir
    Path directory;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void killedFiveTimesInABurstTheProjectionEqualsAFreshRebuildAndEveryAcceptedCommandIsOnTheLedgerOnce(
            KafkaBroker.Handle broker) throws Exception {
        TopicLayout layout = broker.uniqueLayout();
        Manager live = Manager.configure(directory.resolve("live"), broker.bootstrapServers(), layout);
        Manager fresh = Manager.configure(directory.resolve("fresh"), broker.bootstrapServers(), layout);
        String token = adminToken(live.data);

        Random random = new Random(13);
        // a point in each fifth of the burst, counted in commands accepted, so the kills find projections of every size
        TreeSet<Integer> killAt = new TreeSet<>();
        int stretch = COMMANDS / KILLS;
        for (int kill = 0; kill < KILLS; kill++) {
            killAt.add(kill * stretch + 20 + random.nextInt(stretch - 40));
        }

        Set<UUID> accepted = ConcurrentHashMap.newKeySet();
        AtomicInteger sent = new AtomicInteger();
        // the clients send under the read lock; the checks after a restart take the write lock, so nothing is sent then
        ReentrantReadWriteLock quiet = new ReentrantReadWriteLock();
        int rowsCompared = 0;

        live.start(token, http);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                running.add(clients.submit(() -> {
                    send(live, token, sent, accepted, quiet);
                    return null;
                }));
            }
            for (int point : killAt) {
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(5))
                        .until(() -> accepted.size() >= point || running.stream().allMatch(Future::isDone));
                for (Future<?> client : running) {
                    if (client.isDone()) {
                        // a client stops early only on a refusal it should not have met: its exception says which
                        client.get();
                    }
                }
                // mid-burst: the clients do not pause for the kill
                live.kill();
                quiet.writeLock().lock();
                try {
                    live.start(token, http);
                    long end = ledgerEnd(broker.bootstrapServers(), layout);
                    live.awaitCaughtUp(token, http, end);
                    Map<String, List<String>> projected = ProjectionTables.ofRunning(live.data);
                    assertThat(projected.get("consumed_offset")).as("the projection stands at the ledger's end")
                            .contains("TOPIC=" + layout.ledger() + " PARTITION_NO=0 NEXT_OFFSET=" + end + " ");

                    live.rebuild(token, http);
                    Map<String, List<String>> rebuilt = ProjectionTables.ofRunning(live.data);
                    assertThat(ledgerEnd(broker.bootstrapServers(), layout)).as("nothing was appended meanwhile")
                            .isEqualTo(end);
                    assertThat(projected).as("after kill %d", killAt.headSet(point, true).size()).isEqualTo(rebuilt);
                    rowsCompared += projected.values().stream().mapToInt(List::size).sum();
                } finally {
                    quiet.writeLock().unlock();
                }
            }
            for (Future<?> client : running) {
                client.get(5, TimeUnit.MINUTES);
            }
            // and once from nothing, in a process of its own: a manager on a copy of the data without the H2 file
            long end = ledgerEnd(broker.bootstrapServers(), layout);
            live.awaitCaughtUp(token, http, end);
            live.stop();
            Map<String, List<String>> projected = ProjectionTables.of(live.data);
            fresh.copyWithoutH2From(live);
            fresh.start(token, http);
            fresh.awaitCaughtUp(token, http, end);
            assertThat(projected).as("after the burst, against a fresh manager's").isEqualTo(ProjectionTables.ofRunning(fresh.data));
            rowsCompared += projected.values().stream().mapToInt(List::size).sum();
        } finally {
            clients.shutdownNow();
            live.kill();
            fresh.kill();
        }

        Map<UUID, Integer> onLedger = committedCommandIds(broker.bootstrapServers(), layout);
        System.out.printf("manager kill: %d kill -9s (after 202 number %s) in a burst of %d commands sent, %d accepted "
                        + "(202), %d on the ledger; %d rows compared with a fresh rebuild%n", KILLS, killAt, sent.get(),
                accepted.size(), onLedger.size(), rowsCompared);
        assertThat(accepted).hasSizeGreaterThanOrEqualTo(COMMANDS);
        assertThat(accepted).allSatisfy(id -> assertThat(onLedger.get(id)).as("%s on the ledger", id).isEqualTo(1));
        assertThat(onLedger).allSatisfy((id, count) -> assertThat(count).as("%s on the ledger", id).isEqualTo(1));
        assertThat(onLedger.size()).as("commands on the ledger").isLessThanOrEqualTo(sent.get());
        assertThat(rowsCompared).isGreaterThan(KILLS * 50);
    }

    /**
     * One client: sends until {@value #COMMANDS} commands are accepted between all of them. A refused connection or
     * a 5xx while the manager is down is fine; a pause after it keeps the client from spinning.
     */
    private void send(Manager manager, String token, AtomicInteger sent, Set<UUID> accepted,
            ReentrantReadWriteLock quiet) throws Exception {
        while (accepted.size() < COMMANDS) {
            quiet.readLock().lock();
            boolean failed;
            try {
                // unicasts would be refused without members: broadcasts to nobody reach the ledger all the same
                String body = "{\"target\": {\"broadcast\": true}, \"command\": \"version\"}";
                sent.incrementAndGet();
                failed = true;
                try {
                    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(manager.uri("/v1/commands"))
                            .timeout(Duration.ofSeconds(30))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                    if (answer.statusCode() == 202) {
                        accepted.add(UUID.fromString(JSON.readTree(answer.body()).path("commandId").asText()));
                        failed = false;
                    } else if (answer.statusCode() < 500) {
                        throw new AssertionError("command refused " + answer.statusCode() + ": " + answer.body());
                    }
                } catch (IOException e) {
                    // the manager is down or died under the request
                }
            } finally {
                quiet.readLock().unlock();
            }
            if (failed) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
    }

    /** Makes the admin user with ops/bin/ecledger, as ops/up does, and returns their token. */
    private static String adminToken(Path data) throws Exception {
        Files.createDirectories(data);
        run(ECLEDGER.toString(), "user", "add", ADMIN, "--role", "admin", "--data", data.toString());
        return run(ECLEDGER.toString(), "user", "token", ADMIN, "--data", data.toString()).strip();
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(START.toSeconds(), TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ": " + out).isZero();
        return out;
    }

    /** The ledger's end as a read_committed reader sees it: the last stable offset. */
    private static long ledgerEnd(String servers, TopicLayout layout) {
        TopicPartition partition = new TopicPartition(layout.ledger(), 0);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                ClientProperties.reader(servers, "faults-end-" + UUID.randomUUID()))) {
            return consumer.endOffsets(List.of(partition), Duration.ofSeconds(30)).get(partition);
        }
    }

    /** How often each command id is on the ledger, read to its end by a plain read_committed consumer. */
    private static Map<UUID, Integer> committedCommandIds(String servers, TopicLayout layout) throws Exception {
        Map<UUID, Integer> counts = new HashMap<>();
        TopicPartition partition = new TopicPartition(layout.ledger(), 0);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                ClientProperties.reader(servers, "faults-count-" + UUID.randomUUID()))) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), Duration.ofSeconds(30)).get(partition);
            while (consumer.position(partition, Duration.ofSeconds(30)) < end) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    LedgerEvent event = EventCodec.LEDGER.decode(record.value());
                    if (event.payload() instanceof CommandIssued) {
                        counts.merge(((CommandIssued) event.payload()).commandId(), 1, Integer::sum);
                    }
                }
            }
        }
        return counts;
    }

    /** One manager as operators run it: ops/bin/eccmgr server CONFIG, its own data directory and ports. */
    private static final class Manager {

        private final Path data;
        private final Path config;
        private final Path output;
        private final int port;
        private final int adminPort;
        private Process process;

        private Manager(Path data, Path config, int port, int adminPort) {
            this.data = data;
            this.config = config;
            this.output = data.resolveSibling(data.getFileName() + "-eccmgr.out");
            this.port = port;
            this.adminPort = adminPort;
        }

        static Manager configure(Path data, String servers, TopicLayout layout) throws IOException {
            int port = freePort();
            int adminPort = freePort();
            Path config = data.resolveSibling(data.getFileName() + ".yml");
            Files.writeString(config, """
                    clusterName: faults
                    dataDirectory: %s
                    ecclusterConf: %s
                    kafka:
                      bootstrapServers: %s
                      topicPrefix: %s
                    # the test reads the views while the manager runs, through the server H2 starts in it
                    database:
                      driverClass: org.h2.Driver
                      url: jdbc:h2:file:%s;AUTO_SERVER=TRUE
                      user: sa
                      password: ""
                    controlListener:
                      enabled: false
                    server:
                      applicationConnectors:
                        - type: http
                          bindHost: 127.0.0.1
                          port: %d
                      adminConnectors:
                        - type: http
                          bindHost: 127.0.0.1
                          port: %d
                    logging:
                      level: WARN
                      loggers:
                        io.ecledger: INFO
                    """.formatted(data, ROOT.resolve("ops/conf/eccluster.conf"), servers, layout.prefix(), data.resolve("ecledger"), port,
                    adminPort));
            return new Manager(data, config, port, adminPort);
        }

        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }

        /** Starts the manager and waits until it answers {@code /v1/version}, as ops/up does. */
        void start(String token, HttpClient http) throws Exception {
            process = new ProcessBuilder(ECCMGR.toString(), "server", config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                    .start();
            try {
                await().atMost(START).pollInterval(Duration.ofMillis(200)).until(() -> {
                    if (!process.isAlive()) {
                        throw new AssertionError("eccmgr exited " + process.exitValue() + " while starting:\n" + output());
                    }
                    return status(get(http, token, "/v1/version")) == 200;
                });
            } catch (ConditionTimeoutException e) {
                throw new AssertionError("eccmgr did not answer /v1/version within " + START + ":\n" + output(), e);
            }
        }

        /** Waits until the projection has applied the ledger up to {@code end}, as {@code GET /v1/info} says. */
        void awaitCaughtUp(String token, HttpClient http, long end) throws Exception {
            try {
                await().atMost(CATCH_UP).pollInterval(Duration.ofMillis(200)).until(() -> {
                    HttpResponse<String> info = get(http, token, "/v1/info");
                    if (info == null || info.statusCode() != 200) {
                        return false;
                    }
                    JsonNode body = JSON.readTree(info.body());
                    return body.path("projectionLag").asLong(-1) == 0 && body.path("ledgerOffset").asLong() == end;
                });
            } catch (ConditionTimeoutException e) {
                // what CI shows is the end of the build's output: the projection thread's stack comes last
                throw new AssertionError("the projection did not reach ledger offset " + end + "; /v1/info: "
                        + get(http, token, "/v1/info").body() + "\nthe manager's log:\n" + output()
                        + "\nthe projection's thread:\n" + projectionThread(), e);
            }
        }

        /** The manager's own rebuild ({@code POST /tasks/rebuild} on its admin port): its views dropped and made again from offset 0. */
        void rebuild(String token, HttpClient http) throws Exception {
            HttpResponse<String> task = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + adminPort + "/tasks/rebuild")).timeout(Duration.ofMinutes(2))
                    .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(task.statusCode()).as(task.body()).isEqualTo(200);
            assertThat(task.body()).contains("rebuilt the projection from offset 0");
        }

        /** SIGTERM, and the clean stop Dropwizard makes of it: the H2 file is closed and free for the test. */
        void stop() throws Exception {
            process.destroy();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("eccmgr stopped on SIGTERM").isTrue();
        }

        /** kill -9 of the manager's JVM: ops/bin/eccmgr execs java, so the process started is the manager itself. */
        void kill() throws InterruptedException {
            if (process != null) {
                process.destroyForcibly();
                assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("eccmgr died").isTrue();
            }
        }

        /** This data directory made again as a copy of {@code other}'s, all but the H2 file: keys, users, logs. */
        void copyWithoutH2From(Manager other) throws IOException {
            if (Files.exists(data)) {
                try (Stream<Path> old = Files.walk(data)) {
                    for (Path path : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(path);
                    }
                }
            }
            try (Stream<Path> files = Files.walk(other.data)) {
                for (Path from : files.toList()) {
                    Path to = data.resolve(other.data.relativize(from).toString());
                    if (from.getFileName().toString().startsWith("ecledger.") && from.getParent().equals(other.data)) {
                        continue;
                    }
                    Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }

        private HttpResponse<String> get(HttpClient http, String token, String path) throws InterruptedException {
            try {
                return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10))
                        .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                return null;
            }
        }

        private static int status(HttpResponse<String> response) {
            return response == null ? -1 : response.statusCode();
        }

        private String output() throws IOException {
            if (!Files.exists(output)) {
                return "(no output)";
            }
            // the request log's lines (a GET /v1/info every 200 ms while waiting) would push out what the manager said
            List<String> lines = Files.readAllLines(output).stream().filter(line -> !line.startsWith("127.0.0.1 - - "))
                    .toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        }

        /** The projection's consuming thread as {@code jcmd Thread.print} shows it, or that there is none. */
        private String projectionThread() {
            String dump = threads();
            for (String block : dump.split("\n\n")) {
                if (block.startsWith("\"ecledger-projection\"")) {
                    List<String> lines = block.lines().toList();
                    return String.join("\n", lines.subList(0, Math.min(lines.size(), 30)));
                }
            }
            return "(no thread named ecledger-projection: its loop ended)";
        }

        /** What the manager's threads are doing, from the JDK's jcmd. */
        private String threads() {
            if (process == null || !process.isAlive()) {
                return "(the manager is not running)";
            }
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            try {
                Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "Thread.print")
                        .redirectErrorStream(true).start();
                String text = new String(dump.getInputStream().readAllBytes());
                dump.waitFor(30, TimeUnit.SECONDS);
                return text;
            } catch (IOException e) {
                return "(no thread dump: " + e + ")";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "(no thread dump: interrupted)";
            }
        }

        private static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            }
        }
    }
}
