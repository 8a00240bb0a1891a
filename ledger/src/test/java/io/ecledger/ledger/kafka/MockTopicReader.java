package io.ecledger.ledger.kafka;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;

/** A reader of a one-partition topic held as a list, for a Ledger on MockProducer: it sees what the list holds when assigned. */
final class MockTopicReader {

    private MockTopicReader() {}

    /** A consumer over {@code records} as {@code partition}'s offsets 0, 1, …, taken at the moment it is assigned. */
    static MockConsumer<byte[], byte[]> over(TopicPartition partition, List<byte[]> records) {
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest") {
            @Override
            public synchronized void assign(Collection<TopicPartition> partitions) {
                super.assign(partitions);
                for (int offset = 0; offset < records.size(); offset++) {
                    addRecord(new ConsumerRecord<>(partition.topic(), partition.partition(), offset, null,
                            records.get(offset)));
                }
            }
        };
        consumer.updateBeginningOffsets(Map.of(partition, 0L));
        consumer.updateEndOffsets(Map.of(partition, (long) records.size()));
        return consumer;
    }
}
