package io.ecledger.api.policy;

import io.ecledger.api.access.Caller;
import io.ecledger.api.access.DenialSink;
import io.ecledger.ledger.event.CommandDenied;
import io.ecledger.ledger.kafka.Ledger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts each refused command on the ledger as a {@link CommandDenied}, appended through the manager's one writer (so
 * signed and hash-chained like every manager event), at most {@code burst} at once and {@code perMinute} a minute per
 * actor: a token bucket each, so one actor's flood of denied lines cannot flood the ledger. Past it nothing is appended;
 * one WARN line per actor per minute says how many were not recorded, and {@link #unrecorded()} counts them all.
 */
public final class LedgerDenialSink implements DenialSink {

    /** The name the integrator registers {@link #unrecorded()} under as a gauge. */
    public static final String UNRECORDED_METRIC = "ecledger.denials.unrecorded";

    private static final Logger LOG = LoggerFactory.getLogger(LedgerDenialSink.class);
    private static final Duration MINUTE = Duration.ofMinutes(1);
    // an actor whose bucket is full and owes no WARN line is forgotten once this many actors are tracked
    private static final int FORGET_ABOVE = 10_000;

    private final Ledger ledger;
    private final Clock clock;
    private final int burst;
    private final int perMinute;
    private final Map<String, Bucket> buckets = new HashMap<>();
    private final AtomicLong unrecorded = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    /** Appends through {@code ledger}; each actor may have {@code burst} denials at once, refilled {@code perMinute}. */
    public LedgerDenialSink(Ledger ledger, Clock clock, int burst, int perMinute) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (burst < 1) {
            throw new IllegalArgumentException("the denial burst must be at least 1, got " + burst);
        }
        if (perMinute < 1) {
            throw new IllegalArgumentException("the denials refilled per minute must be at least 1, got " + perMinute);
        }
        this.burst = burst;
        this.perMinute = perMinute;
    }

    @Override
    public void denied(Caller caller, String line, String rule, String reason) {
        CommandDenied denial = new CommandDenied(line, rule, reason);
        if (!admit(caller.actor())) {
            return;
        }
        try {
            long offset = ledger.append(caller.actor(), caller.origin(), denial);
            LOG.info("command denied actor={} origin={} rule={} offset={}", caller.actor(), caller.origin(), rule, offset);
        } catch (RuntimeException e) {
            // the command stays refused either way: a ledger that cannot take the record must not turn a 403 into a 500
            failed.incrementAndGet();
            LOG.warn("command denied actor={} origin={} rule={} but not recorded on the ledger: {}", caller.actor(),
                    caller.origin(), rule, e.toString());
        }
    }

    /** Denials not appended because their actor was past the rate limit, since start. */
    public long unrecorded() {
        return unrecorded.get();
    }

    /** Denials within the rate limit that the ledger did not take (unavailable, fenced), since start. */
    public long failed() {
        return failed.get();
    }

    private synchronized boolean admit(String actor) {
        Instant now = clock.instant();
        if (buckets.size() > FORGET_ABOVE) {
            buckets.values().removeIf(b -> b.refill(now) && b.unlogged == 0);
        }
        Bucket bucket = buckets.computeIfAbsent(actor, a -> new Bucket(burst, now));
        bucket.refill(now);
        boolean admitted = bucket.tokens >= 1;
        if (admitted) {
            bucket.tokens -= 1;
        } else {
            unrecorded.incrementAndGet();
            bucket.unlogged++;
        }
        if (bucket.unlogged > 0 && (bucket.warnedAt == null || !now.isBefore(bucket.warnedAt.plus(MINUTE)))) {
            LOG.warn("{} denial(s) by actor={} not recorded on the ledger: past the limit of {} at once and {} a minute",
                    bucket.unlogged, actor, burst, perMinute);
            bucket.unlogged = 0;
            bucket.warnedAt = now;
        }
        return admitted;
    }

    /** One actor's tokens; guarded by the sink's lock. */
    private final class Bucket {
        private double tokens;
        private Instant filledAt;
        private long unlogged;
        private Instant warnedAt;

        Bucket(double tokens, Instant now) {
            this.tokens = tokens;
            this.filledAt = now;
        }

        /** Adds what the time since the last refill earned; true when the bucket is full. */
        boolean refill(Instant now) {
            long elapsedMillis = Math.max(0, Duration.between(filledAt, now).toMillis());
            tokens = Math.min(burst, tokens + elapsedMillis * perMinute / (double) MINUTE.toMillis());
            filledAt = now;
            return tokens >= burst;
        }
    }
}
