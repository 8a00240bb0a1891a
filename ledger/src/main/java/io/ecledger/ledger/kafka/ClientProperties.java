package io.ecledger.ledger.kafka;

import java.util.Properties;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Kafka client settings of the ledger's producer, readers and Admin clients; each non-default says why. The overloads
 * taking {@link KafkaClientOverrides} apply them last: they cannot touch a refused key, so ours stay.
 */
public final class ClientProperties {

    /** How long the manager's ledger writer blocks for Kafka (metadata, a commit) before an append fails. */
    public static final int MANAGER_MAX_BLOCK_MS = 20_000;

    private ClientProperties() {}

    /** {@link #ledgerProducer(String, String)} with the operator's {@code overrides}. */
    public static Properties ledgerProducer(String bootstrapServers, String clientId, KafkaClientOverrides overrides) {
        return overrides.applyTo(ledgerProducer(bootstrapServers, clientId));
    }

    /**
     * The manager's ledger writer: {@link #ledgerProducer(String, String)} holding {@code transactionalId}, with the
     * operator's {@code overrides}.
     */
    public static Properties managerProducer(String bootstrapServers, String clientId, String transactionalId,
            KafkaClientOverrides overrides) {
        Properties props = ledgerProducer(bootstrapServers, clientId);
        // one id per topic prefix: a second manager's initTransactions() fences the first instead of forking the chain
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        // the default 100 ms shows as p99 spikes on back-to-back transactions (docs/kafka-latency.md)
        props.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 10);
        // a send waits for its commit at most this long, then answers 503: within the REST connector's idle timeout and
        // the console's answer timeout (30 s each), past which a client loses its connection and never learns the outcome
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, MANAGER_MAX_BLOCK_MS);
        return overrides.applyTo(props);
    }

    /** {@link #reader(String, String)} with the operator's {@code overrides}. */
    public static Properties reader(String bootstrapServers, String clientId, KafkaClientOverrides overrides) {
        return overrides.applyTo(reader(bootstrapServers, clientId));
    }

    /** {@link #scanReader(String, String)} with the operator's {@code overrides}. */
    public static Properties scanReader(String bootstrapServers, String clientId, KafkaClientOverrides overrides) {
        return overrides.applyTo(scanReader(bootstrapServers, clientId));
    }

    /** An Admin client (topics, offsets, health) with the operator's {@code overrides}. */
    public static Properties admin(String bootstrapServers, String clientId, KafkaClientOverrides overrides) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        return overrides.applyTo(props);
    }

    /** The ledger writer: idempotent, acknowledged by every in-sync replica, no batching delay. */
    public static Properties ledgerProducer(String bootstrapServers, String clientId) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        // an operator action is durable only once every in-sync replica has it
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        // retries must neither duplicate nor reorder events: the hash chain depends on the order
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // commands are sent one at a time; Kafka 4's default 5 ms linger makes each wait (docs/kafka-latency.md)
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return props;
    }

    /** A reader that assigns partitions itself: no group, no committed offsets. */
    public static Properties reader(String bootstrapServers, String clientId) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // node agents write responses and the manager writes the ledger in transactions; never show an aborted one
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return props;
    }

    /** A reader for {@link PartitionScan}: reads to an end known in advance, partition after partition. */
    public static Properties scanReader(String bootstrapServers, String clientId) {
        Properties props = reader(bootstrapServers, clientId);
        // a scan stops at an end it knows; the fetch a broker holds open there (500 ms by default) would hold up
        // the first fetch of the next partition the same consumer scans for as long
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        return props;
    }
}
