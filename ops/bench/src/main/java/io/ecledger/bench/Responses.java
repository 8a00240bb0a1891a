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
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** A plain read_committed consumer of the responses topic, counting the nodes that answered each command. */
final class Responses implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<UUID, Set<String>> answered = new HashMap<>();

    /** Every partition of {@code topic}, from the beginning. */
    static Responses ofTopic(String servers, String topic) {
        try (KafkaConsumer<byte[], byte[]> probe = new KafkaConsumer<>(
                ClientProperties.reader(servers, "bench-responses-" + UUID.randomUUID()))) {
            return new Responses(servers, probe.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList());
        }
    }

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
            poll(Duration.ofMillis(20),
                    response -> answered.computeIfAbsent(response.commandId(), id -> new HashSet<>()).add(response.node()));
        }
        // a finished command is never asked about again: keep the map small over thousands of trips
        answered.remove(commandId);
    }

    /** Hands each committed answer that arrives within {@code timeout} to {@code sink}, in the order read. */
    void poll(Duration timeout, Consumer<NodeResponse> sink) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(timeout)) {
            try {
                NodeResponse response = EventCodec.RESPONSES.decode(record.value());
                // a word of progress (a command that ran a while) is no answer
                if (response.status().isAnswer()) {
                    sink.accept(response);
                }
            } catch (UndecodableRecordException e) {
                throw new AssertionError("undecodable response at offset " + record.offset(), e);
            }
        }
    }

    /** Polls until every partition is read up to its end as it stands now (the last committed record). */
    void readToEnd(Consumer<NodeResponse> sink) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
        while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
            poll(Duration.ofMillis(200), sink);
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
