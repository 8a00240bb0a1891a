package io.ecledger.bench;

import io.ecledger.ledger.event.NodeResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What the soak benchmark saw, filled from the sender's HTTP answers and the responses topic's reader at once: each
 * event counts in the minute it happened (minute -1 is the warm-up, minute {@code minutes} everything after the last). A round trip is send → that node's answer read
 * from the responses topic, counted in the minute of whichever of the 202 and the answer came last.
 */
final class SoakTally {

    /** One minute's counts; the round trips in milliseconds. */
    static final class Minute {
        int sent;
        int skipped;
        int accepted;
        int refused;
        int answered;
        final List<Double> roundTripsMs = new ArrayList<>();

        double percentile(double p) {
            if (roundTripsMs.isEmpty()) {
                return Double.NaN;
            }
            double[] sorted = roundTripsMs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            // nearest rank
            return sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
        }
    }

    /** A command the manager accepted, for the node it was sent to. */
    private record Accepted(String node, long sentAt) {}

    private final long start;
    private final int lastMinute;
    private final Map<Integer, Minute> minutes = new TreeMap<>();
    private final Map<UUID, Accepted> accepted = new HashMap<>();
    private final Map<UUID, Map<String, List<Long>>> answers = new HashMap<>();
    private final Map<String, Integer> outcomes = new TreeMap<>();
    private final Map<String, Integer> statuses = new TreeMap<>();

    /** Minutes count from {@code start}, a {@link System#nanoTime()} reading: the end of the warm-up. */
    SoakTally(long start, int minutes) {
        this.start = start;
        this.lastMinute = minutes;
    }

    private Minute minute(long at) {
        int m = at < start ? -1 : (int) Math.min(lastMinute, (at - start) / 60_000_000_000L);
        return minutes.computeIfAbsent(m, k -> new Minute());
    }

    synchronized void sent(long at) {
        minute(at).sent++;
    }

    /** A send due at {@code at} was not made: too many had no HTTP answer yet. */
    synchronized void skipped(long at) {
        minute(at).skipped++;
    }

    /** The manager answered 202 with {@code commandId} at {@code at} to a command sent to {@code node} at {@code sentAt}. */
    synchronized void accepted(UUID commandId, String node, long sentAt, long at) {
        minute(at).accepted++;
        outcomes.merge("202", 1, Integer::sum);
        accepted.put(commandId, new Accepted(node, sentAt));
        List<Long> seen = answers.getOrDefault(commandId, Map.of()).get(node);
        if (seen != null) {
            minute(at).roundTripsMs.add((seen.get(0) - sentAt) / 1e6);
        }
    }

    /** Any other outcome of a send: a status and code, or the failure that left it without an HTTP answer. */
    synchronized void refused(String outcome, long at) {
        minute(at).refused++;
        outcomes.merge(outcome, 1, Integer::sum);
    }

    /** {@code response} was read from the responses topic at {@code at}. */
    synchronized void answered(NodeResponse response, long at) {
        Minute minute = minute(at);
        minute.answered++;
        statuses.merge(response.status().name(), 1, Integer::sum);
        List<Long> seen = answers.computeIfAbsent(response.commandId(), id -> new HashMap<>())
                .computeIfAbsent(response.node(), node -> new ArrayList<>());
        seen.add(at);
        Accepted command = accepted.get(response.commandId());
        if (seen.size() == 1 && command != null && command.node().equals(response.node())) {
            minute.roundTripsMs.add((at - command.sentAt()) / 1e6);
        }
    }

    /** Minute {@code m}'s counts (empty when nothing happened in it). */
    synchronized Minute minuteAt(int m) {
        return minutes.computeIfAbsent(m, k -> new Minute());
    }

    /** Accepted commands with no answer yet from the node they were sent to. */
    synchronized long lost() {
        return accepted.entrySet().stream()
                .filter(c -> !answers.getOrDefault(c.getKey(), Map.of()).containsKey(c.getValue().node())).count();
    }

    /** Answers beyond the first from one node to one command. */
    synchronized long duplicated() {
        return answers.values().stream().flatMap(byNode -> byNode.values().stream()).mapToLong(at -> at.size() - 1)
                .sum();
    }

    /** Answers from a node the command was not sent to, or to a command the manager did not accept with a 202. */
    synchronized long unexpected() {
        return answers.entrySet().stream().flatMap(c -> c.getValue().keySet().stream()
                .filter(node -> !accepted.containsKey(c.getKey()) || !accepted.get(c.getKey()).node().equals(node)))
                .count();
    }

    synchronized Map<String, Integer> outcomes() {
        return Map.copyOf(outcomes);
    }

    synchronized Map<String, Integer> statuses() {
        return Map.copyOf(statuses);
    }
}
