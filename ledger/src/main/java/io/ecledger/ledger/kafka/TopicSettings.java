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

    /**
     * What a cluster of {@code brokers} can hold, for a client that creates missing topics without being told how
     * (a node agent started before the manager): every broker a replica, at most three, two of three in sync.
     */
    public static TopicSettings forCluster(int brokers) {
        if (brokers < 1) {
            throw new IllegalArgumentException("a cluster has at least one broker, not " + brokers);
        }
        TopicSettings one = singleBroker();
        short replicas = (short) Math.min(3, brokers);
        return new TopicSettings(replicas, replicas >= 3 ? 2 : 1, one.responsePartitions(), one.membershipPartitions());
    }

    /** One broker: replication 1, six response partitions, three membership partitions. */
    public static TopicSettings singleBroker() {
        return new TopicSettings((short) 1, 1, 6, 3);
    }
}
