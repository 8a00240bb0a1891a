package io.ecledger.node.agent;

import io.ecledger.ledger.codec.EventCodec;
import io.ecledger.ledger.command.Origin;
import io.ecledger.ledger.command.Target;
import io.ecledger.ledger.event.CommandIssued;
import io.ecledger.ledger.event.MembershipEvent;
import io.ecledger.ledger.event.NodeIdentity;
import io.ecledger.ledger.event.NodeResponse;
import io.ecledger.ledger.kafka.ClientProperties;
import io.ecledger.ledger.kafka.Ledger;
import io.ecledger.ledger.kafka.SkippedRecords;
import io.ecledger.ledger.kafka.TopicLayout;
import io.ecledger.ledger.kafka.TopicSettings;
import io.ecledger.ledger.kafka.Topics;
import io.ecledger.ledger.sign.ManagerKey;
import io.ecledger.ledger.testing.KafkaBroker;
import io.ecledger.node.executor.Executor;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/** Fresh topics on the shared broker, a ledger to append to, agents to start, and readers of what they publish. */
final class AgentFixture implements AutoCloseable {

    static final List<String> CLUSTER = List.of("rh52bare", "rh52mgr", "rh52bar2");

    final KafkaBroker.Handle broker;
    final TopicLayout layout;
    final SkippedRecords skipped = new SkippedRecords();
    // the manager's key, held in memory: the fixture appends as the manager would, and its agents pin the public half
    private final ManagerKey managerKey = ManagerKey.generate();
    private final Ledger ledger;
    private final List<NodeAgent> agents = new ArrayList<>();
    private final List<AutoCloseable> readers = new ArrayList<>();

    AgentFixture(KafkaBroker.Handle broker) {
        this.broker = broker;
        this.layout = broker.uniqueLayout();
        new Topics(broker.admin(), layout, TopicSettings.singleBroker()).ensure();
        this.ledger = Ledger.open(broker.bootstrapServers(), layout, new SkippedRecords(), managerKey);
    }

    static NodeIdentity identity(String node, String subcluster) {
        return new NodeIdentity(node, subcluster, "localhost", "test");
    }

    NodeAgent start(NodeIdentity identity, Executor executor) {
        return start(identity, executor, AgentSettings.defaults());
    }

    NodeAgent start(NodeIdentity identity, Executor executor, AgentSettings settings) {
        return start(agent(identity, executor, settings));
    }

    /** An agent on the fixture's topics and key, not started. */
    NodeAgent agent(NodeIdentity identity, Executor executor, AgentSettings settings) {
        return new NodeAgent(broker.bootstrapServers(), layout, identity, managerKey(), executor, Clock.systemUTC(),
                settings, skipped);
    }

    /** The public key the fixture's agents pin. */
    PublicKey managerKey() {
        return managerKey.publicKey();
    }

    NodeAgent start(NodeAgent agent) {
        agents.add(agent);
        agent.start();
        return agent;
    }

    /** Appends a command as the manager would, with a deadline a minute away; returns its id and offset. */
    Issued issue(Target target, String text) {
        return issue(target, text, Instant.now().plus(Duration.ofMinutes(1)));
    }

    Issued issue(Target target, String text, Instant deadline) {
        return issue(target, text, CLUSTER, deadline);
    }

    /** Appends a command expecting answers from {@code expected}, as the manager would when those are the members. */
    Issued issue(Target target, String text, List<String> expected) {
        return issue(target, text, expected, Instant.now().plus(Duration.ofMinutes(1)));
    }

    Issued issue(Target target, String text, List<String> expected, Instant deadline) {
        CommandIssued command = CommandIssued.of(target, text, expected, deadline);
        long offset = ledger.append("operator", Origin.CONSOLE, command);
        return new Issued(command.commandId(), offset);
    }

    /** Writes raw bytes to the ledger as any Kafka client could. */
    void forge(byte[] value) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                ClientProperties.ledgerProducer(broker.bootstrapServers(), "forger"))) {
            producer.send(new ProducerRecord<>(layout.ledger(), value)).get();
        }
    }

    TopicReader<NodeResponse> responses() {
        TopicReader<NodeResponse> reader = new TopicReader<>(broker, layout.responses(),
                EventCodec.RESPONSES);
        readers.add(reader);
        return reader;
    }

    TopicReader<MembershipEvent> membership() {
        TopicReader<MembershipEvent> reader = new TopicReader<>(broker, layout.membership(),
                EventCodec.MEMBERSHIP);
        readers.add(reader);
        return reader;
    }

    /** The ledger offset the group of {@code node}'s agent committed last, if it committed one. */
    Optional<Long> committedOffset(String node) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = broker.admin()
                .listConsumerGroupOffsets(NodeAgent.groupId(layout, node)).partitionsToOffsetAndMetadata().get();
        return Optional.ofNullable(offsets.get(new TopicPartition(layout.ledger(), 0))).map(OffsetAndMetadata::offset);
    }

    /** A command on the ledger: its id and where it is. */
    record Issued(UUID commandId, long offset) {}

    @Override
    public void close() throws Exception {
        for (NodeAgent agent : agents) {
            agent.stop();
        }
        for (AutoCloseable reader : readers) {
            reader.close();
        }
        ledger.close();
    }
}
