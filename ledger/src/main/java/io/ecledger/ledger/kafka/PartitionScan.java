package io.ecledger.ledger.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a topic partition over {@code [from, end)} as it stood when the read began, in offset order,
 * and gives up with {@link LedgerUnavailableException} when no record arrives for the timeout.
 * Each scan takes a fresh consumer from the supplier and closes it.
 */
public final class PartitionScan {

    private static final Duration POLL = Duration.ofMillis(200);

    private final Supplier<Consumer<byte[], byte[]>> consumers;
    private final Duration noProgressTimeout;

    /** Scans with consumers made by {@code consumers}, giving up after {@code noProgressTimeout} without a record. */
    public PartitionScan(Supplier<Consumer<byte[], byte[]>> consumers, Duration noProgressTimeout) {
        this.consumers = consumers;
        this.noProgressTimeout = noProgressTimeout;
    }

    /** The offsets one scan covers, {@code [from, end)}: {@code from} at or after the partition's first offset. */
    public record Range(long from, long end) {

        public Range {
            if (end < from) {
                throw new IllegalArgumentException("a range ends at or after its start: [" + from + ", " + end + ")");
            }
        }

        /** How many offsets the range spans (records, transaction markers and compacted gaps alike). */
        public long size() {
            return end - from;
        }
    }

    /** Sees one scan: its range first, then each poll's records in it; returning false ends the scan. */
    public interface Batches {

        /** Called once, before any records, with the range the scan will read. */
        default void start(Range range) {}

        /** One poll's records, all inside the range, in offset order; false to stop reading. */
        boolean accept(List<ConsumerRecord<byte[], byte[]>> records, Range range);
    }

    /** Reads {@code partition} from {@code from} to its current end; returns the range read. */
    public Range scan(TopicPartition partition, long from, Batches batches) {
        return scan(partition, from, Long.MAX_VALUE, batches);
    }

    /** Reads {@code partition} over {@code [from, min(until, end))}, {@code end} being its end now; returns that range. */
    public Range scan(TopicPartition partition, long from, long until, Batches batches) {
        try (Consumer<byte[], byte[]> consumer = consumers.get()) {
            return scan(consumer, partition, from, until, batches);
        }
    }

    /** Every record of every partition of {@code topic} up to its end now, partition by partition, in offset order. */
    public List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
        try (Consumer<byte[], byte[]> consumer = consumers.get()) {
            List<TopicPartition> partitions = partitionsOf(consumer, topic);
            for (TopicPartition partition : partitions) {
                scan(consumer, partition, 0, Long.MAX_VALUE, (records, range) -> {
                    all.addAll(records);
                    return true;
                });
            }
        }
        return all;
    }

    private List<TopicPartition> partitionsOf(Consumer<byte[], byte[]> consumer, String topic) {
        try {
            return consumer.partitionsFor(topic, noProgressTimeout).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .sorted(Comparator.comparingInt(TopicPartition::partition))
                    .toList();
        } catch (KafkaException e) {
            throw unavailable("find the partitions of " + topic, e);
        }
    }

    private Range scan(Consumer<byte[], byte[]> consumer, TopicPartition partition, long from, long until, Batches batches) {
        try {
            consumer.assign(List.of(partition));
            long begin = consumer.beginningOffsets(List.of(partition), noProgressTimeout).get(partition);
            long end = Math.min(consumer.endOffsets(List.of(partition), noProgressTimeout).get(partition), until);
            long position = Math.max(from, begin);
            Range range = new Range(position, Math.max(position, end));
            batches.start(range);
            if (range.size() == 0) {
                return range;
            }
            consumer.seek(partition, position);
            long lastProgress = System.nanoTime();
            while (position < range.end()) {
                List<ConsumerRecord<byte[], byte[]>> polled = consumer.poll(POLL).records(partition);
                if (polled.isEmpty()) {
                    // a fetch of only a transaction marker or aborted records moves the position and returns nothing
                    long moved = consumer.position(partition);
                    if (moved > position) {
                        position = moved;
                        lastProgress = System.nanoTime();
                        continue;
                    }
                    if (System.nanoTime() - lastProgress > noProgressTimeout.toNanos()) {
                        throw new LedgerUnavailableException("reading " + partition + " made no progress at offset "
                                + position + " for " + noProgressTimeout, null);
                    }
                    continue;
                }
                lastProgress = System.nanoTime();
                List<ConsumerRecord<byte[], byte[]>> inRange = polled;
                if (polled.get(polled.size() - 1).offset() >= range.end()) {
                    inRange = polled.stream().filter(record -> record.offset() < range.end()).toList();
                }
                if (!inRange.isEmpty() && !batches.accept(inRange, range)) {
                    return range;
                }
                // the position, not the last offset: it also steps over transaction markers and compacted gaps
                position = Math.max(polled.get(polled.size() - 1).offset() + 1, consumer.position(partition));
            }
            return range;
        } catch (KafkaException e) {
            throw unavailable("read " + partition, e);
        }
    }

    private static LedgerUnavailableException unavailable(String what, KafkaException e) {
        return new LedgerUnavailableException("cannot " + what + ": " + e.getMessage(), e);
    }
}
