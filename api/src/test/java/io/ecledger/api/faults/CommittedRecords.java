package io.ecledger.api.faults;

import io.ecledger.api.testing.Cluster;
import io.ecledger.ledger.codec.EventCodec;
import io.ecledger.ledger.codec.UndecodableRecordException;
import io.ecledger.ledger.event.CommandIssued;
import io.ecledger.ledger.event.LedgerEvent;
import io.ecledger.ledger.event.NodeResponse;
import io.ecledger.ledger.event.NodeStatus;
import io.ecledger.ledger.kafka.ClientProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/** What a cluster's topics hold, counted by an independent {@code read_committed} consumer of our own. */
final class CommittedRecords {

    private CommittedRecords() {}

    /** The ids each command text is issued under on the ledger. */
    static Map<String, List<UUID>> commandsByText(Cluster cluster) throws UndecodableRecordException {
        Map<String, List<UUID>> issued = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : all(cluster.bootstrapServers(), cluster.layout().ledger())) {
            LedgerEvent event = EventCodec.LEDGER.decode(record.value());
            if (event.payload() instanceof CommandIssued command) {
                issued.computeIfAbsent(command.commandText(), text -> new ArrayList<>()).add(command.commandId());
            }
        }
        return issued;
    }

    /** Every committed answer's status, by command and node; words of progress (DELIVERED, RUNNING) are no answer. */
    static Map<UUID, Map<String, List<NodeStatus>>> answers(Cluster cluster) throws UndecodableRecordException {
        Map<UUID, Map<String, List<NodeStatus>>> answers = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : all(cluster.bootstrapServers(), cluster.layout().responses())) {
            NodeResponse response = EventCodec.RESPONSES.decode(record.value());
            if (!response.status().isAnswer()) {
                continue;
            }
            answers.computeIfAbsent(response.commandId(), id -> new HashMap<>())
                    .computeIfAbsent(response.node(), node -> new ArrayList<>()).add(response.status());
        }
        return answers;
    }

    /** Every committed record of every partition of {@code topic}, from the first to the end as it stands now. */
    static List<ConsumerRecord<byte[], byte[]>> all(String bootstrapServers, String topic) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                ClientProperties.reader(bootstrapServers, "faults-count-" + UUID.randomUUID()))) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic)) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }
}
