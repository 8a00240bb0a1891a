package io.ecledger.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;

/**
 * The one table every benchmark's goals end up in: measure, ecledger, the floor measured in the same run, the ratio,
 * the goal and whether it was met. Benchmarks run by {@code ops/bench/run all} append their rows to the file named by
 * {@code ECLEDGER_BENCH_ROWS}, and {@link #main} prints them together.
 */
final class ResultTable {

    /** Which way a measure is better: a latency's ratio must stay under its goal, a rate's above it. */
    enum Better { LOWER, HIGHER }

    /** One measure: ecledger and its floor in {@code unit}, and the goal for their ratio. */
    record Row(String measure, String unit, double ecledger, double floor, double goal, Better better) {

        Row {
            if (measure.contains("\t") || unit.contains("\t")) {
                throw new IllegalArgumentException("a row's text cannot hold a tab: " + measure);
            }
        }

        /** A latency: lower is better, the ratio must be at most {@code goal}. */
        static Row latency(String measure, double ecledgerMs, double floorMs, double goal) {
            return new Row(measure, "ms", ecledgerMs, floorMs, goal, Better.LOWER);
        }

        /** A rate: higher is better, the ratio must be at least {@code goal}. */
        static Row rate(String measure, String unit, double ecledger, double floor, double goal) {
            return new Row(measure, unit, ecledger, floor, goal, Better.HIGHER);
        }

        double ratio() {
            return ecledger / floor;
        }

        boolean met() {
            // a ratio printed as the goal counts as meeting it: 1.504x against 1.5x is printed 1.50x
            double shown = Math.round(ratio() * 100) / 100.0;
            return better == Better.LOWER ? shown <= goal : shown >= goal;
        }

        String tsv() {
            return String.join("\t", measure, unit, Double.toString(ecledger), Double.toString(floor),
                    Double.toString(goal), better.name());
        }

        static Row ofTsv(String line) {
            String[] f = line.split("\t", -1);
            if (f.length != 6) {
                throw new IllegalArgumentException("not a result row: " + line);
            }
            return new Row(f[0], f[1], Double.parseDouble(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4]),
                    Better.valueOf(f[5]));
        }
    }

    private ResultTable() {}

    /** The table, a header line and one line per row, as printed. */
    static String format(List<Row> rows) {
        int width = Math.max("measure".length(), rows.stream().mapToInt(r -> r.measure().length()).max().orElse(0));
        StringBuilder out = new StringBuilder();
        String head = "%-" + width + "s  %14s  %14s  %7s  %7s  %s%n";
        out.append(String.format(Locale.ROOT, head, "measure", "ecledger", "floor", "ratio", "goal", "verdict"));
        for (Row r : rows) {
            String goal = (r.better() == Better.LOWER ? "≤ " : "≥ ") + String.format(Locale.ROOT, "%.2fx", r.goal());
            out.append(String.format(Locale.ROOT, "%-" + width + "s  %14s  %14s  %6.2fx  %7s  %s%n", r.measure(),
                    amount(r.ecledger(), r.unit()), amount(r.floor(), r.unit()), r.ratio(), goal,
                    r.met() ? "met" : "over"));
        }
        return out.toString();
    }

    private static String amount(double value, String unit) {
        String number = value >= 100 ? String.format(Locale.ROOT, "%,.0f", value)
                : String.format(Locale.ROOT, "%.2f", value);
        return number + " " + unit;
    }

    /** Prints {@code rows} and, under {@code ops/bench/run all}, appends them to the shared rows file. */
    static void report(List<Row> rows) throws IOException {
        System.out.println();
        System.out.print(format(rows));
        String file = System.getenv("ECLEDGER_BENCH_ROWS");
        if (file != null && !file.isBlank()) {
            StringBuilder lines = new StringBuilder();
            rows.forEach(r -> lines.append(r.tsv()).append('\n'));
            Files.writeString(Path.of(file), lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
    }

    /** Prints the rows the benchmarks of one {@code ops/bench/run all} appended to the file {@code args[0]}. */
    public static void main(String[] args) throws IOException {
        List<Row> rows = Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank()).map(Row::ofTsv).toList();
        System.out.print(format(rows));
    }
}
