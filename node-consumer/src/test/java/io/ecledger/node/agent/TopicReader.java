package io.ecledger.node.agent;

import static org.awaitility.Awaitility.await;

import io.ecledger.ledger.codec.EventCodec;
import io.ecledger.ledger.codec.UndecodableRecordException;
import io.ecledger.ledger.kafka.ClientProperties;
import io.ecledger.ledger.testing.KafkaBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Reads every committed record of one topic, as the manager would (read_committed), decoded. */
final class TopicReader<T> implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final EventCodec<T> codec;
    private final List<T> seen = new ArrayList<>();

    TopicReader(KafkaBroker.Handle broker, String topic, EventCodec<T> codec) {
        this.consumer = new KafkaConsumer<>(ClientProperties.reader(broker.bootstrapServers(), "test-reader-" + topic));
        this.codec = codec;
        // the partition count from the controller: a fresh topic may not yet be in the consumer's metadata
        List<TopicPartition> partitions = IntStream.range(0, partitionCount(broker, topic))
                .mapToObj(p -> new TopicPartition(topic, p)).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    // the broker learns of a topic a moment after the controller created it
    private static int partitionCount(KafkaBroker.Handle broker, String topic) {
        return await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> broker.admin()
                .describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size(), n -> n > 0);
    }

    /** Everything committed so far: reads every partition up to its last stable offset. */
    synchronized List<T> all() {
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
        while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                try {
                    seen.add(codec.decode(record.value()));
                } catch (UndecodableRecordException e) {
                    throw new AssertionError("undecodable record at offset " + record.offset(), e);
                }
            }
        }
        return List.copyOf(seen);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
