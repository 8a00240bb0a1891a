package io.ecledger.node.agent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * When an agent commits the ledger offset of records that were not for it. Such a record only moves the position in
 * memory; the offset is committed with the agent's next answer, or on its own once {@code every} such records were
 * read or {@code interval} passed since the first of them. Losing the uncommitted part in a crash only means rereading
 * records that are not the agent's, never answering one twice: every answer commits its own offset. Not thread-safe.
 */
final class LazyOffsets {

    private final int every;
    private final Duration interval;
    private final Clock clock;
    private long committed = -1;
    private long position = -1;
    private int pending;
    private Instant firstPending;

    /** A policy committing on its own after {@code every} uncommitted records or {@code interval}, timed by {@code clock}. */
    LazyOffsets(int every, Duration interval, Clock clock) {
        if (every < 1) {
            throw new IllegalArgumentException("commit every must be at least 1 record, was " + every);
        }
        this.every = every;
        this.interval = Objects.requireNonNull(interval, "interval");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A record not for the agent was read: the position moves on to {@code next}, uncommitted. */
    void skipped(long next) {
        position = Math.max(position, next);
        if (position > committed) {
            if (pending == 0) {
                firstPending = clock.instant();
            }
            pending++;
        }
    }

    /** A transaction committed {@code next} as the group's offset, with an answer or on its own. */
    void committed(long next) {
        committed = Math.max(committed, next);
        position = Math.max(position, committed);
        if (position <= committed) {
            pending = 0;
            firstPending = null;
        }
    }

    /**
     * An offsets-only commit of the pending position was tried and aborted: it is not retried until {@code every}
     * more records or {@code interval} passed, since losing it costs only a reread.
     */
    void attemptFailed() {
        if (pending > 0) {
            pending = 0;
            firstPending = null;
            // the records stay uncommitted; the next skipped one starts the count again
        }
    }

    /** The offset to commit on its own now, when {@code every} records or {@code interval} are up; empty otherwise. */
    OptionalLong due() {
        if (pending == 0) {
            return OptionalLong.empty();
        }
        boolean enough = pending >= every;
        boolean old = !Duration.between(firstPending, clock.instant()).minus(interval).isNegative();
        return enough || old ? OptionalLong.of(position) : OptionalLong.empty();
    }

    /** The position read past and not yet committed, as a clean stop commits it; empty when nothing is. */
    OptionalLong uncommitted() {
        return position > committed ? OptionalLong.of(position) : OptionalLong.empty();
    }
}
