package io.ecledger.api.projection;

import org.apache.kafka.common.TopicPartition;

/** The next offset to consume from one topic partition, as stored with the rows it accounts for. */
public record ConsumedOffset(String topic, int partitionNo, long nextOffset) {

    /** The partition this is for. */
    public TopicPartition partition() {
        return new TopicPartition(topic, partitionNo);
    }
}
