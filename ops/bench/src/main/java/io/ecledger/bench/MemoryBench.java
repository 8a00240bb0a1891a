package io.ecledger.bench;

import io.ecledger.ledger.kafka.TopicLayout;
import io.ecledger.ledger.sign.KeyFiles;
import io.ecledger.ledger.sign.ManagerKey;
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
    private static final Pattern SIMULATED = Pattern.compile("mem\\d{4}");
    private static final String COMMAND = "sieve:bench flush cache";

    private MemoryBench() {}

    public static void main(String[] args) throws Exception {
        String endpoint = args[0];
        String servers = args[1];
        Path data = Path.of(args[3]);
        RunningManager manager = RunningManager.of(endpoint, Path.of(args[2]), data);
        int nodes = Integer.parseInt(args[4]);
        int commands = Integer.parseInt(args[5]);
        long pid = manager.pid();
        System.out.printf("ecledger memory benchmark — manager pid %d (its launcher's heap bound), %d nodes, %d "
                + "commands over REST by %d clients, %d cores, Java %s%n", pid, nodes, commands, CLIENTS,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));

        Thread.sleep(10_000);  // past start-up's own allocations
        double idle = manager.rssMb();
        System.out.printf("RSS idle: %.0f MB%n", idle);

        BenchRun.inTemporaryDirectory(fleetDirectory -> {
            long t = System.nanoTime();
            try (FleetProcesses fleet = FleetProcesses.start(servers, TopicLayout.standard(),
                    KeyFiles.parsePublic(Files.readString(data.resolve(ManagerKey.PUBLIC_FILE))), "mem", nodes, 250,
                    fleetDirectory, System.nanoTime() + TimeUnit.MINUTES.toNanos(10))) {
                manager.awaitMembers(SIMULATED, nodes);
                System.out.printf("%d agents in ecnode processes announced and members in %.1f s%n", nodes,
                        BenchRun.seconds(t));
                t = System.nanoTime();
                String last = send(manager, fleet.nodes(), commands);
                System.out.printf("%d commands accepted in %.1f s (%.0f/s)%n", commands, BenchRun.seconds(t),
                        commands / BenchRun.seconds(t));
                manager.awaitAnswered(last);
                System.out.printf("every answer projected after %.1f s in all%n", BenchRun.seconds(t));
                Thread.sleep(10_000);
                double loaded = manager.rssMb();
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
    private static String send(RunningManager manager, List<String> nodes, int count) throws Exception {
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
                        String body = manager.post(target, COMMAND);
                        if (broadcast) {
                            lastBroadcast.set(RunningManager.commandId(body));
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
                : RunningManager.commandId(manager.post("{\"broadcast\":true}", COMMAND));
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
