package io.ecledger.bench;

import io.ecledger.ledger.codec.EventCodec;
import io.ecledger.ledger.codec.UndecodableRecordException;
import io.ecledger.ledger.event.NodeResponse;
import io.ecledger.ledger.kafka.ClientProperties;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** A plain read_committed consumer of the responses topic, counting the nodes that answered each command. */
final class Responses implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<UUID, Set<String>> answered = new HashMap<>();

    Responses(String servers, List<TopicPartition> partitions) {
        consumer = new KafkaConsumer<>(ClientProperties.reader(servers, "bench-responses-" + UUID.randomUUID()));
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Returns once {@code nodes} distinct nodes answered {@code commandId}; throws at {@code deadline} (nanoTime). */
    void awaitAll(UUID commandId, int nodes, long deadline) throws TimeoutException {
        while (answered.getOrDefault(commandId, Set.of()).size() < nodes) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(answered.getOrDefault(commandId, Set.of()).size() + " of " + nodes
                        + " nodes answered command " + commandId + " in time");
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                try {
                    NodeResponse response = EventCodec.RESPONSES.decode(record.value());
                    answered.computeIfAbsent(response.commandId(), id -> new HashSet<>()).add(response.node());
                } catch (UndecodableRecordException e) {
                    throw new AssertionError("undecodable response at offset " + record.offset(), e);
                }
            }
        }
        // a finished command is never asked about again: keep the map small over thousands of trips
        answered.remove(commandId);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
