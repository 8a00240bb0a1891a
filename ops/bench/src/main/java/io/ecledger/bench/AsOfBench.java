package io.ecledger.bench;

import io.ecledger.api.asof.AsOfViews;
import io.ecledger.api.asof.SnapshotSettings;
import io.ecledger.api.retrieve.Results;
import io.ecledger.ledger.broker.EmbeddedKafka;
import io.ecledger.ledger.command.AsOf;
import io.ecledger.ledger.command.Origin;
import io.ecledger.ledger.command.Target;
import io.ecledger.ledger.event.CommandIssued;
import io.ecledger.ledger.kafka.Ledger;
import io.ecledger.ledger.kafka.LedgerEntry;
import io.ecledger.ledger.kafka.SkippedRecords;
import io.ecledger.ledger.kafka.TopicLayout;
import io.ecledger.ledger.kafka.TopicSettings;
import io.ecledger.ledger.kafka.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Issue 12 item 6: an as-of question costs the same on a long ledger as on a short one. Two ledgers on one broker,
 * {@code small} and {@code large} events (10k and 1M by default), the same snapshot settings on both; on each the
 * same {@code retrieve}, as of the same distance past a snapshot, warmed first, then alternated between the two.
 * The floor is the small ledger's question: the large one's must cost at most 2x it.
 */
public final class AsOfBench {

    private static final int EVERY = 5_000;
    private static final int DISTANCE = 4_000;
    private static final int WARM = 3;
    private static final int CHUNK = 50_000;
    private static final double GOAL = 2.0;
    private static final List<String> NODES = List.of("rh52bare", "rh52mgr", "rh52bar2");

    private AsOfBench() {}

    /** {@code [SMALL [LARGE [RUNS]]]}: ledger sizes in events (10,000 and 1,000,000) and timed questions each (7). */
    public static void main(String[] args) throws Exception {
        int small = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int large = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 7;
        BenchRun.inTemporaryDirectory(data -> run(data, small, large, runs));
    }

    /** One ledger with its snapshots and the question asked of it. */
    private record Side(int events, AsOfViews views, AsOf point, String text) {

        double askMs() {
            long t = System.nanoTime();
            boolean found = views.read(point, snapshot -> new Results(snapshot.projection())
                    .retrieve(new Target.Broadcast(), text, snapshot)).isPresent();
            double ms = BenchRun.seconds(t) * 1000;
            if (!found) {
                throw new IllegalStateException("as of " + point + " the ledger of " + events + " has no '" + text + "'");
            }
            return ms;
        }
    }

    private static void run(Path data, int small, int large, int runs) throws Exception {
        EmbeddedKafka broker = EmbeddedKafka.at(data.resolve("kafka")).start();
        try {
            String servers = broker.bootstrapServers();
            SnapshotSettings settings = new SnapshotSettings(EVERY, 16, Duration.ZERO, Duration.ofSeconds(1));
            System.out.printf("ecledger as-of benchmark — in-process Kafka broker, %d cores, Java %s%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
            System.out.printf("a snapshot every %,d ledger offsets (keep %d) on both ledgers; the question: retrieve of "
                    + "a command, as of %,d offsets past the newest snapshot it fits after%n%n", EVERY, settings.keep(),
                    DISTANCE);
            Side smallSide = side(servers, data, "small", small, settings);
            Side largeSide = side(servers, data, "large", large, settings);

            for (int i = 0; i < WARM; i++) {
                smallSide.askMs();
                largeSide.askMs();
            }
            double[] smallMs = new double[runs];
            double[] largeMs = new double[runs];
            for (int i = 0; i < runs; i++) {
                // alternated, and who goes first too, so neither side always gets the quiet moments
                if (i % 2 == 0) {
                    smallMs[i] = smallSide.askMs();
                    largeMs[i] = largeSide.askMs();
                } else {
                    largeMs[i] = largeSide.askMs();
                    smallMs[i] = smallSide.askMs();
                }
            }
            double smallMedian = BenchRun.median(smallMs);
            double largeMedian = BenchRun.median(largeMs);
            System.out.printf("%nafter %d warm-up questions each, median of %d alternated%n", WARM, runs);
            System.out.printf("%-52s %12s%n", "as-of question", "ms");
            System.out.printf("%-52s %12.1f%n", String.format("ledger of %,d events, as of %s", small, smallSide.point()),
                    smallMedian);
            System.out.printf("%-52s %12.1f%n", String.format("ledger of %,d events, as of %s", large, largeSide.point()),
                    largeMedian);
            System.out.printf("runs (ms): %,d: %s; %,d: %s%n", small, runs(smallMs), large, runs(largeMs));
            ResultTable.report(List.of(ResultTable.Row.latency(String.format(
                    "as-of question, %s-event vs %s-event ledger", size(large), size(small)), largeMedian, smallMedian,
                    GOAL)));
        } finally {
            broker.stop();
        }
    }

    /** A ledger of {@code events} broadcasts with its snapshots taken; the question as of a snapshot + DISTANCE. */
    private static Side side(String servers, Path data, String name, int events, SnapshotSettings settings)
            throws Exception {
        TopicLayout layout = new TopicLayout("bench-asof-" + name);
        try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
            new Topics(admin, layout, TopicSettings.singleBroker()).ensure();
        }
        long t = System.nanoTime();
        try (Ledger ledger = Ledger.open(servers, layout, new SkippedRecords())) {
            for (int from = 0; from < events; from += CHUNK) {
                List<CompletableFuture<LedgerEntry>> pending = new ArrayList<>(CHUNK);
                for (int i = from; i < Math.min(events, from + CHUNK); i++) {
                    pending.add(ledger.appendAsync("bench", Origin.CONSOLE, CommandIssued.of(new Target.Broadcast(),
                            text(i), NODES, Instant.now().plusSeconds(3600))));
                }
                pending.forEach(CompletableFuture::join);
            }
        }
        double appended = BenchRun.seconds(t);
        Path directory = Files.createDirectories(data.resolve("asof-" + name));
        AsOfViews views = new AsOfViews(servers, layout, Clock.systemUTC()).withSnapshots(directory, settings);
        t = System.nanoTime();
        int taken = views.buildSnapshots();
        double built = BenchRun.seconds(t);
        long bytes;
        try (Stream<Path> files = Files.list(directory)) {
            bytes = files.filter(f -> f.toString().endsWith(".mv.db")).mapToLong(f -> f.toFile().length()).max().orElse(0);
        }
        // snapshots sit at EVERY - 1, 2 * EVERY - 1, ...; the newest with DISTANCE offsets of ledger after it
        long boundary = (events - DISTANCE - 1 - (EVERY - 1)) / EVERY * EVERY + EVERY - 1;
        if (taken == 0 || boundary < EVERY - 1) {
            throw new IllegalArgumentException("a ledger of " + events + " events has no snapshot " + DISTANCE
                    + " offsets before its end (snapshots taken: " + taken + ")");
        }
        long offset = boundary + DISTANCE;
        System.out.printf("%-6s ledger: %,9d events appended in %5.1f s, %3d snapshots taken in %6.1f s (largest file "
                + "%,d KB); question as of offset %,d%n", name, events, appended, taken, built, bytes / 1024, offset);
        return new Side(events, views, new AsOf.Offset(offset), text((int) offset - 10));
    }

    private static String text(int i) {
        return "sieve:sieve1 flush cache " + i;
    }

    private static String size(int events) {
        return events % 1_000_000 == 0 ? events / 1_000_000 + "M" : events % 1_000 == 0 ? events / 1_000 + "k"
                : String.format("%,d", events);
    }

    private static String runs(double[] ms) {
        return String.join(" / ", Arrays.stream(ms).mapToObj(v -> String.format("%.0f", v)).toList());
    }
}
