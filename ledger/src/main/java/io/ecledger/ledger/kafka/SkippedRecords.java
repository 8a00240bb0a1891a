package io.ecledger.ledger.kafka;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where readers report records they cannot decode: each is logged with its topic, partition and
 * offset, counted, and passed on (to metrics, a quarantine view); none stops a reader or vanishes.
 */
public final class SkippedRecords {

    private static final Logger LOG = LoggerFactory.getLogger(SkippedRecords.class);

    private final AtomicLong count = new AtomicLong();
    private final Consumer<SkippedRecord> listener;

    /** Reports that are only logged and counted. */
    public SkippedRecords() {
        this(skipped -> {});
    }

    /** Reports that are logged, counted and handed to {@code listener}. */
    public SkippedRecords(Consumer<SkippedRecord> listener) {
        this.listener = listener;
    }

    /** Records one undecodable record. */
    public void report(SkippedRecord skipped) {
        count.incrementAndGet();
        LOG.warn("skipped undecodable record topic={} partition={} offset={}: {}",
                skipped.topic(), skipped.partition(), skipped.offset(), skipped.reason());
        listener.accept(skipped);
    }

    /** How many records have been skipped since start. */
    public long count() {
        return count.get();
    }
}
