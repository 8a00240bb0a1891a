package io.ecledger.node.agent;

import static io.ecledger.node.agent.AgentFixture.identity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.ecledger.ledger.acl.AclRecipe;
import io.ecledger.ledger.broker.BrokerSecurity;
import io.ecledger.ledger.broker.EmbeddedKafka;
import io.ecledger.ledger.codec.EventCodec;
import io.ecledger.ledger.codec.UndecodableRecordException;
import io.ecledger.ledger.command.Origin;
import io.ecledger.ledger.command.Target;
import io.ecledger.ledger.event.CommandIssued;
import io.ecledger.ledger.event.NodeResponse;
import io.ecledger.ledger.event.NodeStatus;
import io.ecledger.ledger.kafka.ClientProperties;
import io.ecledger.ledger.kafka.KafkaClientOverrides;
import io.ecledger.ledger.kafka.Ledger;
import io.ecledger.ledger.kafka.SkippedRecords;
import io.ecledger.ledger.kafka.TopicLayout;
import io.ecledger.ledger.kafka.TopicSettings;
import io.ecledger.ledger.kafka.Topics;
import io.ecledger.ledger.sign.ManagerKey;
import io.ecledger.ledger.sign.NodeKey;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded broker with SASL/SCRAM and StandardAuthorizer, its ACLs exactly {@link AclRecipe}'s: each principal,
 * through plain Kafka clients that are not ecledger's, can do what the recipe says and nothing it does not.
 */
class KafkaAclsIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final TopicLayout LAYOUT = new TopicLayout("acl");
    private static final String NODE_A = "rh52bare";
    private static final String NODE_B = "rh52bar2";
    private static final Map<String, String> PASSWORDS = Map.of(
            "admin", "admin-secret", "eccmgr", "eccmgr-secret", "node-a", "node-a-secret", "node-b", "node-b-secret",
            "audit", "audit-secret");
    private static final AclRecipe RECIPE = AclRecipe.forManager(LAYOUT, "User:eccmgr")
            .withNode(NODE_A, "User:node-a").withNode(NODE_B, "User:node-b").withAuditor("User:audit");

    @TempDir
    static Path data;
    private static EmbeddedKafka kafka;
    private static Admin superUser;
    private static final ManagerKey MANAGER_KEY = ManagerKey.generate();

    @BeforeAll
    static void securedBrokerWithTheRecipesAcls() throws Exception {
        BrokerSecurity security = BrokerSecurity.scram("admin", PASSWORDS.get("admin")).withAcls();
        for (String user : List.of("eccmgr", "node-a", "node-b", "audit")) {
            security = security.withUser(user, PASSWORDS.get(user));
        }
        kafka = EmbeddedKafka.at(data, 0, security).start();
        superUser = Admin.create(ClientProperties.admin(kafka.bootstrapServers(), "acl-admin", as("admin")));
        superUser.createAcls(RECIPE.bindings()).all().get();
        // ACLs are stored by the controller and reach this broker's authorizer a moment later
        await().atMost(PATIENCE).until(() -> new HashSet<>(superUser.describeAcls(AclBindingFilter.ANY).values().get())
                .containsAll(RECIPE.bindings()));
        // the manager makes the topics with its own grants, as eccmgr does at start
        try (Admin manager = Admin.create(ClientProperties.admin(kafka.bootstrapServers(), "acl-mgr", as("eccmgr")))) {
            new Topics(manager, LAYOUT, TopicSettings.singleBroker()).ensure();
        }
    }

    @AfterAll
    static void stopBroker() {
        if (superUser != null) {
            superUser.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void aNodesPrincipalCannotAppendToTheLedgerAndTheLedgerDoesNotGrow() {
        long before = ledgerEnd();

        Throwable refused = catchThrowable(() -> {
            try (KafkaProducer<byte[], byte[]> producer = producer("node-a", Map.of())) {
                producer.send(new ProducerRecord<>(LAYOUT.ledger(), "rm -rf /".getBytes())).get();
            }
        });

        assertThat(refused).isInstanceOf(ExecutionException.class).cause().isInstanceOf(TopicAuthorizationException.class)
                .hasMessageContaining(LAYOUT.ledger());
        assertThat(ledgerEnd()).isEqualTo(before);
    }

    @Test
    void aNodesPrincipalCannotUseAnotherNodesOrTheManagersTransactionalId() {
        for (String stolen : List.of(NodeAgent.groupId(LAYOUT, NODE_B), LAYOUT.managerTransactionalId())) {
            Throwable refused = catchThrowable(() -> {
                try (KafkaProducer<byte[], byte[]> producer =
                        producer("node-a", Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, stolen))) {
                    producer.initTransactions();
                }
            });

            assertThat(refused).as("initTransactions with %s", stolen).isInstanceOf(TransactionalIdAuthorizationException.class);
        }
    }

    @Test
    void aNodesPrincipalWritesResponsesInTransactionsWithItsOwnId() throws Exception {
        String key = UUID.randomUUID().toString();
        try (KafkaProducer<byte[], byte[]> producer =
                producer("node-a", Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, AclRecipe.nodeId(LAYOUT, NODE_A)))) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(LAYOUT.responses(), key.getBytes(), new byte[] {1})).get();
            producer.commitTransaction();
        }

        assertThat(await().atMost(PATIENCE).until(() -> keys(read("admin", LAYOUT.responses())), k -> k.contains(key)))
                .contains(key);
    }

    @Test
    void anAuditorReadsTheLedgerButCannotWriteIt() throws Exception {
        long offset;
        try (Ledger manager = managerLedger()) {
            offset = manager.append("operator", Origin.CONSOLE, broadcast("summary", List.of(NODE_A)));
        }
        long before = ledgerEnd();

        Throwable refused = catchThrowable(() -> {
            try (KafkaProducer<byte[], byte[]> producer = producer("audit", Map.of())) {
                producer.send(new ProducerRecord<>(LAYOUT.ledger(), "forged".getBytes())).get();
            }
        });

        // a default producer is idempotent, which the auditor may not be either: when its producer id is refused
        // before the send, send() itself throws; otherwise the write is refused on the future (CI saw both)
        assertThat(refused).satisfiesAnyOf(
                r -> assertThat(r).isInstanceOf(ExecutionException.class).cause()
                        .isInstanceOf(AuthorizationException.class),
                r -> assertThat(r).isInstanceOf(KafkaException.class).hasRootCauseInstanceOf(AuthorizationException.class));
        assertThat(ledgerEnd()).isEqualTo(before);
        assertThat(read("audit", LAYOUT.ledger())).extracting(ConsumerRecord::offset).contains(offset);
        // what ecledger verify does with the auditor's --kafka-config
        try (Ledger audit = Ledger.open(kafka.bootstrapServers(), as("audit"), LAYOUT, new SkippedRecords())) {
            assertThat(audit.verify().intact()).isTrue();
        }
    }

    @Test
    void theManagersPrincipalAppendsWithEcledgersLedger() {
        long before = ledgerEnd();

        long offset;
        try (Ledger manager = managerLedger()) {
            offset = manager.append("operator", Origin.CONSOLE, broadcast("summary", List.of(NODE_A)));
        }

        assertThat(offset).isGreaterThanOrEqualTo(before);
        assertThat(ledgerEnd()).isGreaterThan(before);
    }

    @Test
    void aNodeAgentWithItsOwnPrincipalAnswersTheManagersSignedCommand() {
        KafkaClientOverrides nodeA = as("node-a");
        // what ecnode checks at start: a node may describe the topics the manager made, not create them
        try (Admin admin = Admin.create(ClientProperties.admin(kafka.bootstrapServers(), "acl-node-a", nodeA))) {
            new Topics(admin, LAYOUT, TopicSettings.singleBroker()).ensure();
        }
        CountingExecutor executor = new CountingExecutor();
        NodeAgent agent = new NodeAgent(kafka.bootstrapServers(), nodeA, LAYOUT, identity(NODE_A, "east"),
                MANAGER_KEY.publicKey(), NodeKey.generate(), executor, Clock.systemUTC(), AgentSettings.defaults());
        agent.start();
        try {
            CommandIssued command = broadcast("flush cache " + UUID.randomUUID(), List.of(NODE_A));
            try (Ledger manager = managerLedger()) {
                manager.append("operator", Origin.CONSOLE, command);
            }

            NodeResponse answer = await().atMost(PATIENCE).until(() -> responses().stream()
                    .filter(r -> r.commandId().equals(command.commandId())).findFirst().orElse(null), r -> r != null);

            assertThat(answer.status()).isEqualTo(NodeStatus.OK);
            assertThat(answer.node()).isEqualTo(NODE_A);
            assertThat(executor.ran()).contains(command.commandText());
            assertThat(agent.stopped()).isNotDone();
        } finally {
            agent.stop();
        }
    }

    @Test
    void aClientWithAWrongPasswordIsRefusedAtLogin() {
        Properties props = ClientProperties.admin(kafka.bootstrapServers(), "acl-wrong", new KafkaClientOverrides(
                kafka.security().clientProperties("eccmgr", "not-the-password")));
        try (Admin admin = Admin.create(props)) {
            Throwable refused = catchThrowable(() -> admin.listTopics().names().get());

            assertThat(refused).isInstanceOf(ExecutionException.class).cause().isInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void theRecipesNodeIdIsTheOneTheAgentUses() {
        assertThat(AclRecipe.nodeId(LAYOUT, NODE_A)).isEqualTo(NodeAgent.groupId(LAYOUT, NODE_A));
    }

    private static KafkaClientOverrides as(String user) {
        return new KafkaClientOverrides(kafka.security().clientProperties(user, PASSWORDS.get(user)));
    }

    private static CommandIssued broadcast(String text, List<String> nodes) {
        return CommandIssued.of(new Target.Broadcast(), text, nodes, Instant.now().plus(Duration.ofMinutes(1)));
    }

    private static Ledger managerLedger() {
        return Ledger.open(kafka.bootstrapServers(), as("eccmgr"), LAYOUT, new SkippedRecords(), MANAGER_KEY);
    }

    /** A plain producer, not ecledger's: only the login and whatever {@code extra} the attacker chooses. */
    private static KafkaProducer<byte[], byte[]> producer(String user, Map<String, String> extra) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        // fail within the test, not after Kafka's one-minute default
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.putAll(kafka.security().clientProperties(user, PASSWORDS.get(user)));
        props.putAll(extra);
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Every committed record of {@code topic}'s partitions, read as {@code user} by a plain consumer without a group. */
    private static List<ConsumerRecord<byte[], byte[]>> read(String user, String topic) throws Exception {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.putAll(kafka.security().clientProperties(user, PASSWORDS.get(user)));
        int partitions = superUser.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        List<TopicPartition> all = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            all.add(new TopicPartition(topic, p));
        }
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(all);
            consumer.seekToBeginning(all);
            Map<TopicPartition, Long> ends = consumer.endOffsets(all);
            while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
        }
        return records;
    }

    /** The decodable responses; another test writes a byte of its own there. */
    private static List<NodeResponse> responses() throws Exception {
        List<NodeResponse> decoded = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : read("admin", LAYOUT.responses())) {
            try {
                decoded.add(EventCodec.RESPONSES.decode(record.value()));
            } catch (UndecodableRecordException e) {
                // not a response: the raw record of aNodesPrincipalWritesResponsesInTransactionsWithItsOwnId
            }
        }
        return decoded;
    }

    private static List<String> keys(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().filter(r -> r.key() != null).map(r -> new String(r.key())).toList();
    }

    private static long ledgerEnd() {
        Properties props = new Properties();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.putAll(kafka.security().superUserClientProperties());
        TopicPartition ledger = new TopicPartition(LAYOUT.ledger(), 0);
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            return consumer.endOffsets(List.of(ledger)).get(ledger);
        }
    }
}
