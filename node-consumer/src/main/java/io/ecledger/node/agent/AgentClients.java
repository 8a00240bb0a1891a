package io.ecledger.node.agent;

import io.ecledger.ledger.event.MembershipEvent;
import io.ecledger.ledger.event.NodeIdentity;
import io.ecledger.ledger.event.NodeResponse;
import io.ecledger.ledger.kafka.ClientProperties;
import io.ecledger.ledger.kafka.KafkaClientOverrides;
import io.ecledger.ledger.kafka.TopicLayout;
import io.ecledger.ledger.sign.NodeKey;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Where a node agent gets its four Kafka clients, a fresh one of each per run: the real ones, or mocks in tests. The
 * answers go through a transactional producer; words of progress (delivered, running) through a plain one, since
 * they must be seen while the command still runs, before any transaction of its answer.
 */
record AgentClients(
        Supplier<Consumer<byte[], byte[]>> ledger,
        Supplier<Producer<String, NodeResponse>> responses,
        Supplier<Producer<String, MembershipEvent>> membership,
        Supplier<Producer<String, NodeResponse>> progress) {

    AgentClients {
        Objects.requireNonNull(ledger, "ledger");
        Objects.requireNonNull(responses, "responses");
        Objects.requireNonNull(membership, "membership");
        Objects.requireNonNull(progress, "progress");
    }

    /** Clients of the broker at {@code bootstrapServers}, built only when the agent's thread asks for them. */
    static AgentClients kafka(String bootstrapServers, TopicLayout layout, NodeIdentity identity, NodeKey key) {
        return kafka(bootstrapServers, KafkaClientOverrides.none(), layout, identity, key);
    }

    /**
     * {@link #kafka(String, TopicLayout, NodeIdentity, NodeKey)} with the operator's {@code overrides} on every
     * client; what the producers write is signed by {@code key}.
     */
    static AgentClients kafka(String bootstrapServers, KafkaClientOverrides overrides, TopicLayout layout,
            NodeIdentity identity, NodeKey key) {
        return new AgentClients(
                () -> new KafkaConsumer<>(ledgerConsumer(bootstrapServers, overrides, layout, identity.node())),
                () -> new KafkaProducer<>(responseProducer(bootstrapServers, overrides, layout, identity.node()),
                        new StringSerializer(), NodeSigning.responses(key)),
                () -> new KafkaProducer<>(membershipProducer(bootstrapServers, overrides, identity.node()),
                        new StringSerializer(), NodeSigning.membership(key)),
                () -> new KafkaProducer<>(progressProducer(bootstrapServers, overrides, identity.node()),
                        new StringSerializer(), NodeSigning.responses(key)));
    }

    // the overrides go last, over our tuning too; they cannot name the transactional id or the group (refused keys)
    static Properties responseProducer(String bootstrapServers, KafkaClientOverrides overrides, TopicLayout layout,
            String node) {
        Properties props = ClientProperties.ledgerProducer(bootstrapServers, "ecledger-node-" + node);
        // one id per node: a restarted agent fences its predecessor and aborts what it left open
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, NodeAgent.groupId(layout, node));
        // the default 100 ms shows as p99 spikes on back-to-back transactions (docs/kafka-latency.md)
        props.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 10);
        return overrides.applyTo(props);
    }

    static Properties membershipProducer(String bootstrapServers, KafkaClientOverrides overrides, String node) {
        return ClientProperties.ledgerProducer(bootstrapServers, "ecledger-node-" + node + "-membership", overrides);
    }

    static Properties progressProducer(String bootstrapServers, KafkaClientOverrides overrides, String node) {
        return ClientProperties.ledgerProducer(bootstrapServers, "ecledger-node-" + node + "-progress", overrides);
    }

    static Properties ledgerConsumer(String bootstrapServers, KafkaClientOverrides overrides, TopicLayout layout,
            String node) {
        Properties props = ClientProperties.reader(bootstrapServers, "ecledger-node-" + node + "-ledger");
        // the offsets the response transactions commit live in the node's own group
        props.put(ConsumerConfig.GROUP_ID_CONFIG, NodeAgent.groupId(layout, node));
        return overrides.applyTo(props);
    }
}
