package io.ecledger.api.testing;

import io.ecledger.api.projection.Projection;
import io.ecledger.api.projection.TopicOffsets;
import io.ecledger.ledger.codec.EventCodec;
import io.ecledger.ledger.codec.UndecodableRecordException;
import io.ecledger.ledger.event.LedgerEvent;
import io.ecledger.ledger.kafka.Ledger;
import io.ecledger.ledger.kafka.SkippedRecords;
import io.ecledger.ledger.kafka.TopicLayout;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jdbi.v3.core.Jdbi;

/**
 * A real {@link Ledger} on Kafka's {@link MockProducer} (every send confirmed at once) and a real, running
 * {@link Projection} into an H2 whose consumer reads back what that producer sent: the manager's write path with
 * no broker, read-your-writes included.
 */
public final class MockLedger implements AutoCloseable {

    private static final TopicLayout LAYOUT = new TopicLayout("unit");
    private static final TopicPartition LEDGER = new TopicPartition(LAYOUT.ledger(), 0);
    private static final TopicPartition RESPONSES = new TopicPartition(LAYOUT.responses(), 0);
    private static final TopicPartition MEMBERSHIP = new TopicPartition(LAYOUT.membership(), 0);
    // a real poll waits for data; MockConsumer's returns at once, and the projection's loop would spin a core
    private static final Duration IDLE_POLL = Duration.ofMillis(1);

    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final Ledger ledger;
    private final Projection projection;

    private MockLedger(Jdbi jdbi, Clock clock) {
        this.ledger = new Ledger(producer, SentRecords::new, LAYOUT, clock, new SkippedRecords(), Duration.ofSeconds(5));
        this.projection = new Projection(jdbi, LAYOUT, clock, new SkippedRecords(), SentRecords::new, Offsets::new);
    }

    /** A ledger with nothing appended yet and a started projection into {@code jdbi}; stop both with {@link #close()}. */
    public static MockLedger start(Jdbi jdbi, Clock clock) {
        MockLedger kafka = new MockLedger(jdbi, clock);
        kafka.projection.start();
        return kafka;
    }

    public Ledger ledger() {
        return ledger;
    }

    public Projection projection() {
        return projection;
    }

    /** Every event the ledger appended, oldest first, decoded as the projection decodes them. */
    public List<LedgerEvent> appended() throws UndecodableRecordException {
        List<LedgerEvent> events = new ArrayList<>();
        for (ProducerRecord<byte[], byte[]> record : producer.history()) {
            events.add(EventCodec.LEDGER.decode(record.value()));
        }
        return events;
    }

    @Override
    public void close() {
        projection.stop();
        ledger.close();
    }

    /** The ledger topic as a broker would serve it: at each poll, every record the producer has sent so far. */
    private final class SentRecords extends MockConsumer<byte[], byte[]> {

        private int added;

        SentRecords() {
            super("earliest");
            updateBeginningOffsets(Map.of(LEDGER, 0L, RESPONSES, 0L, MEMBERSHIP, 0L));
            updateEndOffsets(ends());
        }

        @Override
        public synchronized ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
            if (assignment().contains(LEDGER)) {
                List<ProducerRecord<byte[], byte[]>> sent = producer.history();
                for (; added < sent.size(); added++) {
                    addRecord(new ConsumerRecord<>(LEDGER.topic(), LEDGER.partition(), added, null, sent.get(added).value()));
                }
                updateEndOffsets(ends());
            }
            ConsumerRecords<byte[], byte[]> records = super.poll(timeout);
            if (records.isEmpty()) {
                LockSupport.parkNanos(IDLE_POLL.toNanos());
            }
            return records;
        }
    }

    /** The three one-partition topics, only the ledger ever written. */
    private final class Offsets implements TopicOffsets {

        @Override
        public List<TopicPartition> partitions(List<String> topics) {
            return List.of(LEDGER, RESPONSES, MEMBERSHIP).stream().filter(tp -> topics.contains(tp.topic())).toList();
        }

        @Override
        public Map<TopicPartition, Long> endOffsets(List<TopicPartition> partitions) {
            Map<TopicPartition, Long> ends = ends();
            return partitions.stream().collect(Collectors.toMap(tp -> tp, ends::get));
        }

        @Override
        public void close() {}
    }

    private Map<TopicPartition, Long> ends() {
        return Map.of(LEDGER, (long) producer.history().size(), RESPONSES, 0L, MEMBERSHIP, 0L);
    }
}
