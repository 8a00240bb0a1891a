package io.ecledger.api.projection;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * The two questions the projection asks Kafka's Admin: which partitions its topics have, and where each ends.
 * A seam of its own because kafka-clients ships no mock Admin outside its test jar.
 */
public interface TopicOffsets extends AutoCloseable {

    /** Every partition of {@code topics}, topic by topic in the order given. */
    List<TopicPartition> partitions(List<String> topics);

    /** Each partition's last stable offset: as far as a read_committed consumer can reach now. */
    Map<TopicPartition, Long> endOffsets(List<TopicPartition> partitions);

    /** Releases the client behind the answers. */
    @Override
    void close();
}
