package io.ecledger.api.projection;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;

/**
 * How far the projection has got: the next offset applied per partition, the records projected per topic since
 * its thread last started, the ledger's end as last seen, and why it stopped if it did. Readers may wait for a
 * partition to reach an offset; a failure wakes them with a no.
 */
final class ProjectionProgress {

    private final TopicPartition ledger;

    private final Object lock = new Object();
    // guarded by lock
    private final Map<TopicPartition, Long> applied = new HashMap<>();
    // guarded by lock; tombstones and undecodable records are not counted
    private final Map<String, Long> projected = new HashMap<>();
    // guarded by lock
    private Throwable failure;
    // guarded by lock: why the last batch could not be written, while the projection retries it
    private Stalled stalled;

    private volatile long ledgerEnd = -1;
    private volatile Instant lastBatchAt;

    ProjectionProgress(TopicPartition ledger) {
        this.ledger = ledger;
    }

    /** Starts counting again from {@code stored}: nothing projected yet, no failure, the ledger's end unknown. */
    void restart(Map<TopicPartition, Long> stored) {
        synchronized (lock) {
            applied.clear();
            applied.putAll(stored);
            projected.clear();
            failure = null;
            stalled = null;
        }
        ledgerEnd = -1;
    }

    /** Back to {@code stored}, which may be behind what was applied: the database lost its newest commits. */
    void rewind(Map<TopicPartition, Long> stored) {
        synchronized (lock) {
            applied.clear();
            applied.putAll(stored);
        }
    }

    /** The next offset to apply of every partition that has moved. */
    Map<TopicPartition, Long> applied() {
        synchronized (lock) {
            return Map.copyOf(applied);
        }
    }

    /** The next ledger offset to apply. */
    long appliedLedgerOffset() {
        synchronized (lock) {
            return applied.getOrDefault(ledger, 0L);
        }
    }

    /** A batch is applied: the partitions now stand at {@code positions}, and {@code records} more were projected per topic. */
    void advance(Map<TopicPartition, Long> positions, Map<String, Long> records) {
        synchronized (lock) {
            applied.putAll(positions);
            records.forEach((topic, count) -> projected.merge(topic, count, Long::sum));
            lock.notifyAll();
        }
    }

    /** How many records of {@code topic} were projected since the last restart. */
    long recordsApplied(String topic) {
        synchronized (lock) {
            return projected.getOrDefault(topic, 0L);
        }
    }

    /** The projection stopped on its own: it will not advance again until restarted. */
    void fail(Throwable cause) {
        synchronized (lock) {
            failure = cause;
            lock.notifyAll();
        }
    }

    /** Why the projection cannot write, since when: it retries the same batch until it can. */
    record Stalled(String reason, Instant since) {}

    /** The last batch could not be written for {@code reason}; true if it could before (a change of state). */
    boolean stall(String reason, Instant at) {
        synchronized (lock) {
            boolean changed = stalled == null;
            stalled = new Stalled(reason, changed ? at : stalled.since());
            // awaiters get their no now rather than at their timeout: nothing will be applied until there is room
            lock.notifyAll();
            return changed;
        }
    }

    /** A batch was written again; the stall it ends, if there was one. */
    Optional<Stalled> unstall() {
        synchronized (lock) {
            Optional<Stalled> ended = Optional.ofNullable(stalled);
            stalled = null;
            return ended;
        }
    }

    /** Why the projection cannot write at the moment, if it cannot. */
    Optional<Stalled> stalled() {
        synchronized (lock) {
            return Optional.ofNullable(stalled);
        }
    }

    /** Why the projection stopped on its own, if it did. */
    Optional<Throwable> failure() {
        synchronized (lock) {
            return Optional.ofNullable(failure);
        }
    }

    /** A batch was written at {@code at}. */
    void batchWrittenAt(Instant at) {
        lastBatchAt = at;
    }

    /** When a batch was last written, if one has been. */
    Optional<Instant> lastBatchAt() {
        return Optional.ofNullable(lastBatchAt);
    }

    /** The ledger's end offset as the consumer or the broker last said it; an older, lower word changes nothing. */
    void ledgerEnd(long end) {
        // only the consuming thread writes it
        ledgerEnd = Math.max(ledgerEnd, end);
    }

    /** The ledger's end minus {@link #appliedLedgerOffset()}, or -1 while the end is unknown. */
    long ledgerLag() {
        long end = ledgerEnd;
        return end < 0 ? -1 : Math.max(0, end - appliedLedgerOffset());
    }

    /** True once every partition of {@code targets} has reached its offset; false at the timeout, a failure or a stall. */
    boolean awaitApplied(Map<TopicPartition, Long> targets, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (!reached(targets)) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || failure != null || stalled != null) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    // guarded by lock
    private boolean reached(Map<TopicPartition, Long> targets) {
        for (Map.Entry<TopicPartition, Long> target : targets.entrySet()) {
            if (applied.getOrDefault(target.getKey(), 0L) < target.getValue()) {
                return false;
            }
        }
        return true;
    }
}
