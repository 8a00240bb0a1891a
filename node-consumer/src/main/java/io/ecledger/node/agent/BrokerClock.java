package io.ecledger.node.agent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.Optional;

/**
 * The agent's clock set to the Kafka broker's, so that a node whose own clock is minutes off still judges deadlines
 * (stamped by the manager's clock) and stamps its answers and heartbeats on the cluster's time. Each sample is one
 * membership send whose acknowledgement carries the broker's append time (the topic is {@code LogAppendTime}):
 * as NTP does, the broker stamped it somewhere between the send and its acknowledgement, so the offset is the broker's
 * time minus their midpoint, give or take half the round trip. Of the recent samples the one with the shortest round
 * trip counts. Only live sends are sampled, never old records: a restarted agent knows nothing until its first ack.
 */
final class BrokerClock extends Clock {

    /** How many recent samples are kept: a minute of heartbeats at the default 5 s. */
    static final int SAMPLES = 12;

    private final Clock own;
    // guarded by this; newest last
    private final Deque<Sample> samples = new ArrayDeque<>();

    BrokerClock(Clock own) {
        this.own = Objects.requireNonNull(own, "own");
    }

    /** One measurement: the broker's time minus the agent's, known to within {@code error}. */
    record Sample(Duration offset, Duration error) {}

    /** The agent's own clock, read before a send and at its acknowledgement: the bounds of a sample. */
    long ownMillis() {
        return own.millis();
    }

    /**
     * Takes the sample of a send started at {@code sentMillis} and acknowledged at {@code ackedMillis} on the agent's
     * own clock, stamped {@code brokerMillis} by the broker; a sample whose own clock went backwards is dropped.
     */
    synchronized void sample(long sentMillis, long brokerMillis, long ackedMillis) {
        long roundTrip = ackedMillis - sentMillis;
        if (roundTrip < 0) {
            return;
        }
        // the midpoint times two, so that an odd round trip loses no half millisecond
        long offsetTwice = 2 * brokerMillis - sentMillis - ackedMillis;
        samples.addLast(new Sample(Duration.ofNanos(offsetTwice * 500_000L), Duration.ofNanos(roundTrip * 500_000L)));
        while (samples.size() > SAMPLES) {
            samples.removeFirst();
        }
    }

    /** The best recent sample: the one with the smallest error; empty before the first acknowledgement. */
    synchronized Optional<Sample> best() {
        return samples.stream().min((a, b) -> a.error().compareTo(b.error()));
    }

    /** The offset added to the agent's own clock: the best sample's, or none before there is one. */
    Duration offset() {
        return best().map(Sample::offset).orElse(Duration.ZERO);
    }

    @Override
    public Instant instant() {
        return own.instant().plus(offset());
    }

    @Override
    public long millis() {
        return own.millis() + offset().toMillis();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the broker clock is UTC only");
    }
}
