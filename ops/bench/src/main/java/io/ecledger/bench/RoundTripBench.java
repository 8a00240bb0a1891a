package io.ecledger.bench;

import io.ecledger.ledger.broker.EmbeddedKafka;
import io.ecledger.ledger.command.Origin;
import io.ecledger.ledger.command.Target;
import io.ecledger.ledger.event.CommandIssued;
import io.ecledger.ledger.kafka.KafkaClientOverrides;
import io.ecledger.ledger.kafka.Ledger;
import io.ecledger.ledger.kafka.SkippedRecords;
import io.ecledger.ledger.kafka.TopicLayout;
import io.ecledger.ledger.kafka.TopicSettings;
import io.ecledger.ledger.kafka.Topics;
import io.ecledger.ledger.sign.CurrentManagerKey;
import io.ecledger.ledger.sign.ManagerKey;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.TopicPartition;

/**
 * Broadcast → every answer visible at N simulated nodes: the manager's signed, transactional ledger appends a broadcast
 * expecting all N, N real node agents verify, run and answer it, and the clock stops when a read_committed reader of
 * the responses topic has seen all N answers. The floor, in the same run and on the same broker, is the raw
 * exactly-once ping-pong of {@link PingPong} with N responders. Arguments: the Ns (default 10,50,200,500,1000), the
 * seconds each N may take (default 240), the PNG to write.
 */
public final class RoundTripBench {

    private static final int WARM = 5;
    private static final int TRIPS = 30;
    private static final double P50_GOAL = 1.5;
    private static final double P99_GOAL = 2.0;
    // from 1,000 agents the fleet runs in ecnode processes of 250 agents each, not in this JVM: one JVM holding the
    // agents and the raw responders (5,000 Kafka clients) runs out of file descriptors (20,000 here)
    private static final int PROCESSES_FROM = Integer.parseInt(
            System.getenv().getOrDefault("ECLEDGER_BENCH_PROCESSES_FROM", "1000"));
    private static final int AGENTS_PER_PROCESS = 250;

    /** One side's round trip, in ms. */
    private interface Side {
        double trip() throws TimeoutException;
    }

    /** Warms then measures {@code ours} and {@code theirs}, alternated. */
    private static void trips(Side ecledger, Side raw, List<Double> ours, List<Double> theirs) throws TimeoutException {
        long t = System.nanoTime();
        for (int i = 0; i < WARM; i++) {
            ecledger.trip();
            raw.trip();
        }
        System.out.printf("  warmed in %.1f s%n", BenchRun.seconds(t));
        for (int i = 0; i < TRIPS; i++) {
            // alternate which side goes first, trip by trip, so neither always meets the quiet moments
            if (i % 2 == 0) {
                ours.add(ecledger.trip());
            }
            theirs.add(raw.trip());
            if (i % 2 == 1) {
                ours.add(ecledger.trip());
            }
        }
    }

    /** What one N gave: the trips of each side in ms, and why it stopped early if it did. */
    record Measured(int n, double[] ecledger, double[] floor, String note) {

        double p(double[] trips, double q) {
            double[] sorted = trips.clone();
            Arrays.sort(sorted);
            // nearest rank: with 30 trips the 99th percentile is the slowest trip
            return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
        }
    }

    private RoundTripBench() {}

    public static void main(String[] args) throws Exception {
        int[] sizes = Arrays.stream((args.length > 0 ? args[0] : "10,50,200,500,1000").split(","))
                .mapToInt(Integer::parseInt).toArray();
        Duration budget = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 240);
        Path png = Path.of(args.length > 2 ? args[2] : "ops/bench/target/roundtrip.png");
        // ops/bench/run gives a broker of its own process (kafka-local): in this JVM its side of every connection
        // would count against the same open-file limit as the clients', about 20,000 descriptors at N=1,000
        String external = args.length > 3 ? args[3] : "";
        BenchRun.inTemporaryDirectory(data -> run(data, sizes, budget, png, external));
    }

    private static void run(Path data, int[] sizes, Duration budget, Path png, String external) throws Exception {
        EmbeddedKafka broker = external.isEmpty() ? EmbeddedKafka.at(data.resolve("kafka")).start() : null;
        try {
            String servers = broker == null ? external : broker.bootstrapServers();
            System.out.printf("broker: %s%n", broker == null ? "kafka-local, its own JVM, at " + servers : "in this JVM");
            System.out.printf("ecledger round-trip benchmark — manager ledger and raw responders in this JVM, node "
                    + "agents too below N=%d (from there in ecnode processes of %d), %d cores, Java %s%n", PROCESSES_FROM,
                    AGENTS_PER_PROCESS, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
            System.out.printf("each N: at most %d s; warm manager: %d trips per side before measuring, then up to %d "
                    + "per side, alternated%n%n", budget.toSeconds(), WARM, TRIPS);
            List<Measured> all = new ArrayList<>();
            for (int n : sizes) {
                try {
                    all.add(measure(servers, n, budget, data));
                } catch (RuntimeException e) {
                    // one N that cannot run (agents that did not start) must not lose the others' results
                    System.out.printf("N=%d: not measured: %s%n", n, e);
                    all.add(new Measured(n, new double[0], new double[0], "not measured: " + e.getMessage()));
                }
            }
            List<ResultTable.Row> rows = new ArrayList<>();
            for (Measured m : all) {
                if (m.ecledger().length == 0) {
                    continue;
                }
                rows.add(ResultTable.Row.latency(String.format("broadcast → every answer visible, N=%d, p50", m.n()),
                        m.p(m.ecledger(), 0.5), m.p(m.floor(), 0.5), P50_GOAL));
                rows.add(ResultTable.Row.latency(String.format("broadcast → every answer visible, N=%d, p99", m.n()),
                        m.p(m.ecledger(), 0.99), m.p(m.floor(), 0.99), P99_GOAL));
            }
            ResultTable.report(rows);
            all.stream().filter(m -> !m.note().isEmpty()).forEach(m -> System.out.printf("N=%d: %s%n", m.n(), m.note()));
            RoundTripPlot.write(all.stream().filter(m -> m.ecledger().length > 0).toList(), png);
            System.out.printf("plot: %s%n", png.toAbsolutePath());
        } finally {
            if (broker != null) {
                broker.stop();
            }
        }
    }

    private static Measured measure(String servers, int n, Duration budget, Path data) throws Exception {
        // starting the fleet has a bound of its own (the same length): the trips' bound starts once both sides are up
        long startBy = System.nanoTime() + budget.toNanos();
        TopicLayout layout = new TopicLayout("rt" + n);
        TopicLayout raw = new TopicLayout("floor" + n);
        List<TopicPartition> responses;
        List<TopicPartition> rawResponses;
        try (Admin admin = Admin.create(java.util.Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                servers))) {
            new Topics(admin, layout, TopicSettings.singleBroker()).ensure();
            new Topics(admin, raw, TopicSettings.singleBroker()).ensure();
            int partitions = admin.describeTopics(List.of(layout.responses())).allTopicNames().get()
                    .get(layout.responses()).partitions().size();
            responses = IntStream.range(0, partitions).mapToObj(p -> new TopicPartition(layout.responses(), p)).toList();
            rawResponses = IntStream.range(0, partitions).mapToObj(p -> new TopicPartition(raw.responses(), p)).toList();
        }
        ManagerKey managerKey = ManagerKey.generate();
        CurrentManagerKey key = new CurrentManagerKey(managerKey, OptionalLong.empty());
        List<Double> ours = new ArrayList<>();
        List<Double> theirs = new ArrayList<>();
        String note = "";
        boolean inProcesses = n >= PROCESSES_FROM;
        long t = System.nanoTime();
        SimulatedFleet fleet = inProcesses
                ? FleetProcesses.start(servers, layout, managerKey.publicKey(), "bench", n, AGENTS_PER_PROCESS,
                        data.resolve("fleet" + n), startBy)
                : Fleet.start(servers, layout, managerKey.publicKey(), "bench", n);
        try (PingPong floor = new PingPong(servers, raw, rawResponses, n)) {
            System.out.printf("N=%d: %d node agents (%s) and %d raw responders started in %.1f s%n", n, n,
                    inProcesses ? (n + AGENTS_PER_PROCESS - 1) / AGENTS_PER_PROCESS + " ecnode processes, every "
                            + "agent announced" : "in this JVM", n, BenchRun.seconds(t));
            try (Ledger ledger = Ledger.openManager(servers, KafkaClientOverrides.none(), layout, new SkippedRecords(),
                         key);
                 Responses answers = new Responses(servers, responses)) {
                ledger.takeOver();
                long deadline = System.nanoTime() + budget.toNanos();
                trips(() -> trip(ledger, answers, fleet.nodes(), deadline), () -> floor.trip(payload(n), n, deadline),
                        ours, theirs);
            } catch (TimeoutException e) {
                note = String.format("stopped at the %d s bound after %d measured trips per side (%s)",
                        budget.toSeconds(), Math.min(ours.size(), theirs.size()), e.getMessage());
            }
        } finally {
            t = System.nanoTime();
            fleet.close();
            System.out.printf("N=%d: stopped in %.1f s%n", n, BenchRun.seconds(t));
        }
        int both = Math.min(ours.size(), theirs.size());
        if (both < 5) {
            System.out.printf("N=%d: not measured, only %d trips per side in the bound%n", n, both);
            return new Measured(n, new double[0], new double[0], note.isEmpty() ? "" : "not measured: " + note);
        }
        Measured m = new Measured(n, ours.subList(0, both).stream().mapToDouble(Double::doubleValue).toArray(),
                theirs.subList(0, both).stream().mapToDouble(Double::doubleValue).toArray(), note);
        System.out.printf("N=%d: %d trips per side, ecledger p50 %.1f p99 %.1f ms, floor p50 %.1f p99 %.1f ms%n", n, both,
                m.p(m.ecledger(), 0.5), m.p(m.ecledger(), 0.99), m.p(m.floor(), 0.5), m.p(m.floor(), 0.99));
        return m;
    }

    /** The raw ping's size: about what a broadcast naming N nodes weighs in the ledger (its envelope, seal, names). */
    private static int payload(int n) {
        return 350 + 9 * n;
    }

    private static double trip(Ledger ledger, Responses responses, List<String> nodes, long deadline)
            throws TimeoutException {
        CommandIssued command = CommandIssued.of(new Target.Broadcast(), "sieve:sieve1 flush cache", nodes,
                Instant.now().plusSeconds(300));
        long t = System.nanoTime();
        ledger.append("bench", Origin.CONSOLE, command);
        responses.awaitAll(command.commandId(), nodes.size(), deadline);
        return (System.nanoTime() - t) / 1e6;
    }
}
