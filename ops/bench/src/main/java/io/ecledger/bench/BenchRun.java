package io.ecledger.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;

/** What every benchmark here shares: a throwaway data directory, and its timing arithmetic. */
final class BenchRun {

    /** A benchmark body given the data directory it may fill. */
    interface Body {
        void run(Path data) throws Exception;
    }

    private BenchRun() {}

    /** Runs {@code body} in a fresh temporary directory, deleted afterwards whatever happens. */
    static void inTemporaryDirectory(Body body) throws Exception {
        Path data = Files.createTempDirectory("ecledger-bench");
        try {
            body.run(data);
        } finally {
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The middle value: rounds are few and noisy, so the median rather than the mean. */
    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** Seconds elapsed since {@code since}, a {@link System#nanoTime()} reading. */
    static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
