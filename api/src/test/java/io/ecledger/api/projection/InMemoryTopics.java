package io.ecledger.api.projection;

import io.ecledger.api.testing.TrustedNodes;
import io.ecledger.ledger.codec.EventCodec;
import io.ecledger.ledger.event.Events;
import io.ecledger.ledger.event.LedgerEvent;
import io.ecledger.ledger.event.MembershipEvent;
import io.ecledger.ledger.event.NodeResponse;
import io.ecledger.ledger.kafka.TopicLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.OptionalLong;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The projection's three one-partition topics held in memory and served as a broker would: each consumer made
 * gets every record at or after where it was positioned, and records written later on its next polls.
 */
final class InMemoryTopics implements TopicOffsets {

    final TopicLayout layout = new TopicLayout("unit");
    final TopicPartition ledger = new TopicPartition(layout.ledger(), 0);
    final TopicPartition responses = new TopicPartition(layout.responses(), 0);
    final TopicPartition membership = new TopicPartition(layout.membership(), 0);

    // copy-on-write: a consumer's seek reads it holding its own lock, which writeAll takes after this object's
    private final List<ConsumerRecord<byte[], byte[]>> log = new CopyOnWriteArrayList<>();
    private final Map<TopicPartition, Long> ends = new ConcurrentHashMap<>(Map.of(ledger, 0L, responses, 0L, membership, 0L));
    /** Every consumer made, the latest last. */
    final List<Recording> consumers = new CopyOnWriteArrayList<>();
    private final TrustedNodes nodes = new TrustedNodes();

    /** A consumer as the projection's loop takes one at each start. */
    synchronized Recording consumer() {
        Recording consumer = new Recording(log);
        consumer.updateBeginningOffsets(Map.of(ledger, 0L, responses, 0L, membership, 0L));
        consumer.updateEndOffsets(ends);
        List<ConsumerRecord<byte[], byte[]>> written = List.copyOf(log);
        // the first poll runs after the projection assigned and positioned it; records before the position drop out
        consumer.schedulePollTask(() -> written.forEach(consumer::addRecord));
        consumers.add(consumer);
        return consumer;
    }

    /** The consumer made last; the loop makes it on its own thread, so after start() it may not exist yet. */
    Recording latest() {
        if (consumers.isEmpty()) {
            throw new IllegalStateException("no consumer made yet");
        }
        return consumers.get(consumers.size() - 1);
    }

    /** Writes a ledger event at the ledger's end. */
    void ledger(LedgerEvent event) {
        write(ledger, EventCodec.LEDGER.encode(event));
    }

    /** Writes a node's response at the responses topic's end, signed by its node's accepted key as agents do. */
    void response(NodeResponse response) {
        trust(response.node());
        write(responses, EventCodec.RESPONSES.encode(nodes.sign(response)));
    }

    /** Writes a membership record at that topic's end, signed by its node's accepted key as agents do. */
    void member(MembershipEvent event) {
        trust(event.identity().node());
        write(membership, EventCodec.MEMBERSHIP.encode(nodes.sign(event)));
    }

    // the first record in a node's name comes after the ledger accepted its key, as node accept would
    private void trust(String node) {
        nodes.acceptanceOnFirstUse(node).ifPresent(accepted -> ledger(Events.event(accepted)));
    }

    /** Writes {@code value} (null for a tombstone) at the end of {@code partition}, delivered on the next poll. */
    synchronized void write(TopicPartition partition, byte[] value) {
        writeAll(List.of(record(partition, ends.get(partition), value)));
    }

    /** Writes records already placed at their offsets, all delivered by one poll. */
    synchronized void writeAll(List<ConsumerRecord<byte[], byte[]>> records) {
        for (ConsumerRecord<byte[], byte[]> record : records) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            log.add(record);
            ends.merge(partition, record.offset() + 1, Math::max);
        }
        if (!consumers.isEmpty()) {
            Recording consumer = latest();
            consumer.schedulePollTask(() -> {
                records.forEach(consumer::addRecord);
                consumer.updateEndOffsets(ends);
            });
        }
    }

    /** A record of {@code partition} at {@code offset}, for {@link #writeAll}. */
    static ConsumerRecord<byte[], byte[]> record(TopicPartition partition, long offset, byte[] value) {
        return new ConsumerRecord<>(partition.topic(), partition.partition(), offset, new byte[0], value);
    }

    /**
     * Ends a transaction on {@code partition}: its commit marker takes the next offset, which no poll returns but
     * the consumer's position steps over.
     */
    synchronized void commitMarker(TopicPartition partition) {
        long marker = ends.get(partition);
        ends.put(partition, marker + 1);
        Recording consumer = latest();
        consumer.schedulePollTask(() -> {
            consumer.updateEndOffsets(ends);
            consumer.seek(partition, marker + 1);
        });
    }

    @Override
    public List<TopicPartition> partitions(List<String> topics) {
        return List.of(ledger, responses, membership).stream().filter(tp -> topics.contains(tp.topic())).toList();
    }

    @Override
    public Map<TopicPartition, Long> endOffsets(List<TopicPartition> partitions) {
        Map<TopicPartition, Long> wanted = new HashMap<>();
        partitions.forEach(tp -> wanted.put(tp, ends.get(tp)));
        return wanted;
    }

    @Override
    public void close() {}

    /** A mock consumer that keeps the offsets its polls returned. */
    static final class Recording extends MockConsumer<byte[], byte[]> {

        private final List<ConsumerRecord<byte[], byte[]>> returned = new CopyOnWriteArrayList<>();
        private static final Duration IDLE_POLL = Duration.ofMillis(1);

        private final AtomicInteger polls = new AtomicInteger();
        private final List<ConsumerRecord<byte[], byte[]>> log;
        // Kafka's consumer knows a partition's lag only from its last fetch of it, which may be long ago
        private volatile boolean lagUnknown;

        Recording(List<ConsumerRecord<byte[], byte[]>> log) {
            super("earliest");
            this.log = log;
        }

        /**
         * A seek back reads the records again, as Kafka's would (MockConsumer forgets a record once polled); a
         * record added twice is returned once, its second copy being behind the position by then.
         */
        @Override
        public synchronized void seek(TopicPartition partition, long offset) {
            super.seek(partition, offset);
            log.stream().filter(r -> r.topic().equals(partition.topic()) && r.partition() == partition.partition()
                    && r.offset() >= offset).forEach(this::addRecord);
        }

        @Override
        public synchronized ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
            ConsumerRecords<byte[], byte[]> records = super.poll(timeout);
            records.forEach(returned::add);
            polls.incrementAndGet();
            if (records.isEmpty()) {
                // a real poll waits for data; MockConsumer's returns at once, and its loop would spin a core
                LockSupport.parkNanos(IDLE_POLL.toNanos());
            }
            return records;
        }

        /** From now on the consumer does not know any partition's lag, as one busy fetching others would not. */
        void forgetLag() {
            lagUnknown = true;
        }

        @Override
        public synchronized OptionalLong currentLag(TopicPartition partition) {
            return lagUnknown ? OptionalLong.empty() : super.currentLag(partition);
        }

        /** How many polls have returned. */
        int polls() {
            return polls.get();
        }

        /** The offsets of {@code partition} its polls returned, in order. */
        List<Long> returned(TopicPartition partition) {
            return returned.stream().filter(r -> r.topic().equals(partition.topic()) && r.partition() == partition.partition())
                    .map(ConsumerRecord::offset).toList();
        }
    }
}
