package io.ecledger.bench;

import io.ecledger.ledger.kafka.TopicLayout;
import io.ecledger.ledger.sign.KeyFiles;
import io.ecledger.ledger.sign.ManagerKey;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The manager's resident memory (issue 12 item 7) of a running stack (ops/bench/run memory starts one): idle, then
 * with a fleet of simulated nodes in ecnode processes after that many commands sent over REST, 1 in 1,000 a broadcast
 * to the whole fleet and the rest unicasts spread over it. Prints the manager's heap and its largest classes after.
 * Arguments: REST endpoint, Kafka bootstrap servers, token file, the manager's data directory, nodes, commands.
 */
public final class MemoryBench {

    private static final double IDLE_BOUND_MB = 512;
    private static final double LOADED_BOUND_MB = 1024;
    private static final int CLIENTS = 8;
    private static final Pattern SIMULATED = Pattern.compile("\"(mem\\d{4})\"");
    private static final Pattern COMMAND_ID = Pattern.compile("\"commandId\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    private MemoryBench() {}

    public static void main(String[] args) throws Exception {
        String endpoint = args[0];
        String servers = args[1];
        String token = Files.readString(Path.of(args[2]), StandardCharsets.UTF_8).trim();
        Path data = Path.of(args[3]);
        int nodes = Integer.parseInt(args[4]);
        int commands = Integer.parseInt(args[5]);
        long pid = Long.parseLong(Files.readString(data.resolve("eccmgr.pid")).trim());
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        System.out.printf("ecledger memory benchmark — manager pid %d (its launcher's heap bound), %d nodes, %d "
                + "commands over REST by %d clients, %d cores, Java %s%n", pid, nodes, commands, CLIENTS,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));

        Thread.sleep(10_000);  // past start-up's own allocations
        double idle = rssMb(pid);
        System.out.printf("RSS idle: %.0f MB%n", idle);

        BenchRun.inTemporaryDirectory(fleetDirectory -> {
            long t = System.nanoTime();
            try (FleetProcesses fleet = FleetProcesses.start(servers, TopicLayout.standard(),
                    KeyFiles.parsePublic(Files.readString(data.resolve(ManagerKey.PUBLIC_FILE))), "mem", nodes, 250,
                    fleetDirectory, System.nanoTime() + TimeUnit.MINUTES.toNanos(10))) {
                awaitMembers(http, endpoint, token, nodes);
                System.out.printf("%d agents in ecnode processes announced and members in %.1f s%n", nodes,
                        BenchRun.seconds(t));
                t = System.nanoTime();
                String last = send(http, endpoint, token, fleet.nodes(), commands);
                System.out.printf("%d commands accepted in %.1f s (%.0f/s)%n", commands, BenchRun.seconds(t),
                        commands / BenchRun.seconds(t));
                awaitAnswered(http, endpoint, token, last);
                System.out.printf("every answer projected after %.1f s in all%n", BenchRun.seconds(t));
                Thread.sleep(10_000);
                double loaded = rssMb(pid);
                System.out.printf("RSS with %d nodes after %d commands: %.0f MB%n%n", nodes, commands, loaded);
                jcmd(pid, "GC.heap_info", 12);
                jcmd(pid, "GC.class_histogram", 20);
                ResultTable.report(List.of(
                        bound("manager RSS idle, against the 512 MB bound", idle, IDLE_BOUND_MB),
                        bound(String.format("manager RSS, %d nodes, after %d commands, against 1 GB", nodes, commands),
                                loaded, LOADED_BOUND_MB)));
            }
        });
    }

    /** A size that must stay under {@code boundMb}: the bound stands where the other rows have their floor. */
    private static ResultTable.Row bound(String measure, double mb, double boundMb) {
        return new ResultTable.Row(measure, "MB", mb, boundMb, 1.0, ResultTable.Better.LOWER);
    }

    /** Sends {@code count} commands from {@link #CLIENTS} threads; returns the id of the last broadcast. */
    private static String send(HttpClient http, String endpoint, String token, List<String> nodes, int count)
            throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicReference<String> lastBroadcast = new AtomicReference<>();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                running.add(clients.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        boolean broadcast = i % 1000 == 999;
                        String target = broadcast ? "{\"broadcast\":true}" : "{\"node\":\"" + nodes.get(i % nodes.size()) + "\"}";
                        String body = post(http, endpoint, token, target);
                        if (broadcast) {
                            lastBroadcast.set(commandId(body));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            clients.shutdownNow();
        }
        return lastBroadcast.get() != null ? lastBroadcast.get()
                : commandId(post(http, endpoint, token, "{\"broadcast\":true}"));
    }

    private static String post(HttpClient http, String endpoint, String token, String target) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint + "/v1/commands"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"target\":" + target + ",\"command\":\"sieve:bench flush cache\"}"))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("POST /v1/commands " + target + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    private static String commandId(String body) {
        Matcher m = COMMAND_ID.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no commandId in " + body);
        }
        return m.group(1);
    }

    /** Waits until the manager lists every simulated node as a member: a unicast to one it does not know is refused. */
    private static void awaitMembers(HttpClient http, String endpoint, String token, int nodes) throws Exception {
        HttpRequest get = HttpRequest.newBuilder(URI.create(endpoint + "/v1/membership"))
                .header("Authorization", "Bearer " + token).GET().build();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (true) {
            HttpResponse<String> response = http.send(get, HttpResponse.BodyHandlers.ofString());
            long known = SIMULATED.matcher(response.body()).results().map(m -> m.group(1)).distinct().count();
            if (response.statusCode() == 200 && known == nodes) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(known + " of " + nodes + " nodes members after 10 minutes");
            }
            Thread.sleep(500);
        }
    }

    /** Waits until the last broadcast has no node left pending: the projection has caught up with the fleet. */
    private static void awaitAnswered(HttpClient http, String endpoint, String token, String commandId) throws Exception {
        HttpRequest get = HttpRequest.newBuilder(URI.create(endpoint + "/v1/commands/" + commandId))
                .header("Authorization", "Bearer " + token).GET().build();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (true) {
            HttpResponse<String> response = http.send(get, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200 && !response.body().contains("\"PENDING\"")) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("command " + commandId + " still pending after 10 minutes");
            }
            Thread.sleep(500);
        }
    }

    private static double rssMb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        throw new IllegalStateException("no VmRSS for pid " + pid);
    }

    private static void jcmd(long pid, String what, int lines) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid), what).redirectErrorStream(true).start();
        List<String> out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        p.waitFor();
        System.out.printf("jcmd %s (first %d lines):%n", what, lines);
        out.stream().limit(lines).forEach(line -> System.out.println("  " + line));
        System.out.println();
    }
}
