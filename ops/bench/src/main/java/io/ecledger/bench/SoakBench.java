package io.ecledger.bench;

import io.ecledger.ledger.kafka.TopicLayout;
import io.ecledger.ledger.sign.KeyFiles;
import io.ecledger.ledger.sign.ManagerKey;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 13's soak (ops/bench/run soak starts the stack: three brokers, a manager at replication 3 / min ISR 2): 50
 * simulated nodes in one ecnode process, 200 unicasts a second round-robin over them for a warm-up and then the
 * given minutes. Prints a line a minute, then the answers lost (a 202 with no answer from its node after the drain)
 * and duplicated (a second answer from one node to one command), which must be none, and writes a PNG.
 * Arguments: REST endpoint, Kafka bootstrap servers, token file, the manager's data directory, minutes, PNG path.
 */
public final class SoakBench {

    private static final int NODES = 50;
    private static final int RATE = 200;
    private static final long WARM_UP_SECONDS = 30;
    private static final long DRAIN_SECONDS = 120;
    private static final long SAMPLE_SECONDS = 5;
    // 5 s at the rate: past it the manager is overloaded anyway, and an unbounded open loop ran the benchmark's JVM
    // out of file descriptors (20,000 connections) instead of measuring the manager
    private static final int MAX_IN_FLIGHT = 1_000;
    private static final String COMMAND = "sieve:soak flush cache";
    private static final Pattern SIMULATED = Pattern.compile("soak\\d{4}");
    private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([^\"]*)\"");

    private final RunningManager manager;
    private final SoakTally tally;
    private final long start;
    private final List<SoakPlot.Sample> samples = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger inFlight = new AtomicInteger();

    private SoakBench(RunningManager manager, long start, int minutes) {
        this.manager = manager;
        this.start = start;
        this.tally = new SoakTally(start, minutes);
    }

    public static void main(String[] args) throws Exception {
        String endpoint = args[0];
        String servers = args[1];
        Path data = Path.of(args[3]);
        int minutes = Integer.parseInt(args[4]);
        Path png = Path.of(args[5]);
        RunningManager manager = RunningManager.of(endpoint, Path.of(args[2]), data);
        System.out.printf("ecledger soak benchmark — %d simulated nodes in one ecnode process, %d unicasts/s round-robin "
                + "over them, %d s warm-up, then %d minutes; three brokers, replication 3, min ISR 2; manager pid %d; "
                + "%d cores, load %s, Java %s%n", NODES, RATE, WARM_UP_SECONDS, minutes, manager.pid(),
                Runtime.getRuntime().availableProcessors(), load(), System.getProperty("java.version"));
        long[] failures = new long[1];
        BenchRun.inTemporaryDirectory(fleetDirectory -> {
            long t = System.nanoTime();
            try (FleetProcesses fleet = FleetProcesses.start(servers, TopicLayout.standard(),
                    KeyFiles.parsePublic(Files.readString(data.resolve(ManagerKey.PUBLIC_FILE))), "soak", NODES, NODES,
                    fleetDirectory, System.nanoTime() + TimeUnit.MINUTES.toNanos(10));
                    Responses responses = Responses.ofTopic(servers, TopicLayout.standard().responses())) {
                manager.awaitMembers(SIMULATED, NODES);
                System.out.printf("%d agents announced and members in %.1f s%n", NODES, BenchRun.seconds(t));
                SoakBench soak = new SoakBench(manager, System.nanoTime() + TimeUnit.SECONDS.toNanos(WARM_UP_SECONDS),
                        minutes);
                failures[0] = soak.run(fleet.nodes(), minutes, responses, png);
            }
        });
        if (failures[0] > 0) {
            System.exit(1);
        }
    }

    /** The whole soak: returns how many answers were lost or duplicated. */
    private long run(List<String> nodes, int minutes, Responses responses, Path png) throws Exception {
        long end = start + TimeUnit.MINUTES.toNanos(minutes);
        // stopped by a flag: an interrupt would break the consumer's poll with an exception
        AtomicBoolean reading = new AtomicBoolean(true);
        Thread reader = new Thread(() -> {
            while (reading.get()) {
                responses.poll(Duration.ofMillis(100), r -> tally.answered(r, System.nanoTime()));
            }
        }, "soak-responses");
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        reader.start();
        try {
            clock.scheduleAtFixedRate(this::sample, 0, SAMPLE_SECONDS, TimeUnit.SECONDS);
            clock.schedule(() -> { sample(); line("warm-up", -1); }, start - System.nanoTime(), TimeUnit.NANOSECONDS);
            for (int m = 0; m < minutes; m++) {
                int minute = m;
                clock.schedule(() -> { sample(); line(Integer.toString(minute + 1), minute); },
                        start + TimeUnit.MINUTES.toNanos(m + 1) - System.nanoTime(), TimeUnit.NANOSECONDS);
            }
            System.out.printf("warming up for %d s at %d/s, not in the minutes below%n", WARM_UP_SECONDS, RATE);
            System.out.printf("(skipped: due while %d sends had no HTTP answer yet; lag: ledger records the projection has "
                    + "yet to apply, -1 when GET /v1/info did not answer)%n", MAX_IN_FLIGHT);
            System.out.printf("%-8s %7s %7s %7s %7s %8s %8s %8s %7s %6s%n", "minute", "sent", "skipped", "202", "refused",
                    "answered", "p50 ms", "p99 ms", "RSS MB", "lag");
            send(nodes, end);
            drain();
        } finally {
            clock.shutdown();
            clock.awaitTermination(1, TimeUnit.MINUTES);
            reading.set(false);
            reader.join();
        }
        // every committed answer, up to the topic's end now, whatever the reader had not polled yet
        responses.readToEnd(r -> tally.answered(r, System.nanoTime()));
        // what came after the last minute: late sends of a sender behind its schedule, the drain's answers
        line("after", minutes);
        return report(minutes, png);
    }

    /** Offers RATE commands a second until {@code end}, whatever the answers take: an overloaded manager shows. */
    private void send(List<String> nodes, long end) throws InterruptedException {
        long interval = TimeUnit.SECONDS.toNanos(1) / RATE;
        long behind = 0;
        int i = 0;
        for (long next = System.nanoTime(); next < end; next += interval, i++) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            behind = Math.max(behind, -wait);
            String node = nodes.get(i % nodes.size());
            long sentAt = System.nanoTime();
            if (inFlight.get() >= MAX_IN_FLIGHT) {
                tally.skipped(sentAt);
                continue;
            }
            tally.sent(sentAt);
            inFlight.incrementAndGet();
            manager.postAsync("{\"node\":\"" + node + "\"}", COMMAND).whenComplete((response, failure) -> {
                long at = System.nanoTime();
                if (failure != null) {
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure;
                    tally.refused("no answer (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")", at);
                } else if (response.statusCode() == 202) {
                    tally.accepted(UUID.fromString(RunningManager.commandId(response.body())), node, sentAt, at);
                } else {
                    tally.refused(response.statusCode() + " " + code(response), at);
                }
                inFlight.decrementAndGet();
            });
        }
        System.out.printf("%d commands due; the sender ran at most %.0f ms behind its schedule%n", i, behind / 1e6);
    }

    /** Waits until every send has its HTTP answer and every accepted command its node's, or DRAIN_SECONDS pass. */
    private void drain() throws InterruptedException {
        long t = System.nanoTime();
        long deadline = t + TimeUnit.SECONDS.toNanos(DRAIN_SECONDS);
        while ((inFlight.get() > 0 || tally.lost() > 0) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        System.out.printf("drained in %.1f s (bound %d s): %d sends without an HTTP answer, %d accepted commands "
                + "without their node's answer%n", BenchRun.seconds(t), DRAIN_SECONDS, inFlight.get(), tally.lost());
    }

    /** RSS and projection lag now; the lag is -1 when the manager did not answer GET /v1/info in time. */
    private void sample() {
        try {
            double rss = manager.rssMb();
            long lag = -1;
            try {
                lag = manager.projectionLag();
            } catch (Exception e) {
                // an overloaded manager's answer is itself a finding: the line says so, the run goes on
                System.out.println("GET /v1/info failed: " + e);
            }
            samples.add(new SoakPlot.Sample((System.nanoTime() - start) / 6e10, rss, lag));
        } catch (java.io.IOException e) {
            System.out.println("reading the manager's RSS failed: " + e);
        }
    }

    private void line(String label, int minute) {
        SoakTally.Minute m = tally.minuteAt(minute);
        SoakPlot.Sample s = samples.isEmpty() ? new SoakPlot.Sample(0, Double.NaN, -1) : samples.get(samples.size() - 1);
        System.out.printf("%-8s %7d %7d %7d %7d %8d %8.1f %8.1f %7.0f %6d%n", label, m.sent, m.skipped, m.accepted,
                m.refused, m.answered, m.percentile(0.5), m.percentile(0.99), s.rssMb(), s.projectionLag());
    }

    private long report(int minutes, Path png) throws Exception {
        long lost = tally.lost();
        long duplicated = tally.duplicated();
        System.out.printf("HTTP outcomes %s; node answers by status %s%n", tally.outcomes(), tally.statuses());
        System.out.printf("lost responses: %d, duplicated responses: %d (both must be 0); answers from a node not sent "
                + "the command or to a command not accepted: %d%n", lost, duplicated, tally.unexpected());
        List<SoakPlot.MinuteRoundTrip> roundTrips = new ArrayList<>();
        for (int m = 0; m < minutes; m++) {
            SoakTally.Minute minute = tally.minuteAt(m);
            roundTrips.add(new SoakPlot.MinuteRoundTrip(m, minute.percentile(0.5), minute.percentile(0.99)));
        }
        SoakPlot.write(String.format("soak: %d unicasts/s over %d nodes, three brokers", RATE, NODES), roundTrips,
                List.copyOf(samples), png);
        System.out.println("plot: " + png.toAbsolutePath());
        System.out.println(lost + duplicated == 0 ? "soak: no answer lost or duplicated"
                : "soak: FAILED, " + lost + " lost and " + duplicated + " duplicated answers");
        return lost + duplicated;
    }

    private static String code(HttpResponse<String> response) {
        Matcher m = CODE.matcher(response.body());
        return m.find() ? m.group(1) : "(no code)";
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
