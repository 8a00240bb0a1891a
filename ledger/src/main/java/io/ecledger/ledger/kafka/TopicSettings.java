package io.ecledger.ledger.kafka;

/**
 * How the topics are created: replication and partitions. The defaults suit the single embedded
 * broker; a real cluster wants replication factor 3 and min in-sync replicas 2.
 */
public record TopicSettings(short replicationFactor, int minInsyncReplicas, int responsePartitions, int membershipPartitions) {

    public TopicSettings {
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replication factor must be at least 1, not " + replicationFactor);
        }
        if (minInsyncReplicas < 1 || minInsyncReplicas > replicationFactor) {
            throw new IllegalArgumentException("min in-sync replicas must be between 1 and the replication factor ("
                    + replicationFactor + "), not " + minInsyncReplicas);
        }
        if (responsePartitions < 1 || membershipPartitions < 1) {
            throw new IllegalArgumentException("topics need at least one partition");
        }
    }

    /** One broker: replication 1, six response partitions, three membership partitions. */
    public static TopicSettings singleBroker() {
        return new TopicSettings((short) 1, 1, 6, 3);
    }
}
