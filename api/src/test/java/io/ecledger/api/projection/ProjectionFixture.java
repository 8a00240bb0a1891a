package io.ecledger.api.projection;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecledger.api.testing.TrustedNodes;
import io.ecledger.ledger.codec.EventCodec;
import io.ecledger.ledger.command.Origin;
import io.ecledger.ledger.command.Target;
import io.ecledger.ledger.event.CommandIssued;
import io.ecledger.ledger.event.MembershipEvent;
import io.ecledger.ledger.event.NodeIdentity;
import io.ecledger.ledger.event.NodeKeyDecided;
import io.ecledger.ledger.event.NodeResponse;
import io.ecledger.ledger.event.NodeStatus;
import io.ecledger.ledger.event.ResultsFlushed;
import io.ecledger.ledger.kafka.ClientProperties;
import io.ecledger.ledger.kafka.Ledger;
import io.ecledger.ledger.kafka.SkippedRecords;
import io.ecledger.ledger.kafka.TopicLayout;
import io.ecledger.ledger.kafka.TopicSettings;
import io.ecledger.ledger.kafka.Topics;
import io.ecledger.ledger.testing.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/** Fresh topics on the shared broker, a ledger and producers over them, and projections into H2 files. */
public final class ProjectionFixture implements AutoCloseable {

    /** Before every test command's deadline. */
    public static final Instant BEFORE = Instant.parse("2030-01-01T00:00:00Z");
    /** Every test command's deadline. */
    public static final Instant DEADLINE = BEFORE.plusSeconds(60);
    /** After every test command's deadline. */
    public static final Instant AFTER = DEADLINE.plusSeconds(1);
    /** Long enough for anything on the shared broker. */
    public static final Duration WAIT = Duration.ofSeconds(60);

    private static final List<String> TABLES = List.of(
            "consumed_offset", "results_flush", "issued_command", "expected_node", "node_response", "cluster_member");

    public final TopicLayout layout;
    /** What the projections report; the ledger's own readers report elsewhere. */
    public final SkippedRecords skipped = new SkippedRecords();
    private final String servers;
    private final Ledger ledger;
    private final KafkaProducer<String, NodeResponse> responses;
    private final KafkaProducer<String, MembershipEvent> membership;
    private final KafkaProducer<byte[], byte[]> raw;
    private final List<Projection> projections = new ArrayList<>();
    private final TrustedNodes nodes = new TrustedNodes();
    private final List<NodeKeyDecided> preseeded = new ArrayList<>();
    private final List<Jdbi> projected = new ArrayList<>();

    public ProjectionFixture(KafkaBroker.Handle broker) {
        this.servers = broker.bootstrapServers();
        this.layout = broker.uniqueLayout();
        new Topics(broker.admin(), layout, TopicSettings.singleBroker()).ensure();
        this.ledger = Ledger.open(servers, layout, new SkippedRecords());
        this.responses = new KafkaProducer<>(ClientProperties.ledgerProducer(servers, "test-responses"),
                new StringSerializer(), EventCodec.RESPONSES.serializer());
        this.membership = new KafkaProducer<>(ClientProperties.ledgerProducer(servers, "test-membership"),
                new StringSerializer(), EventCodec.MEMBERSHIP.serializer());
        this.raw = new KafkaProducer<>(ClientProperties.ledgerProducer(servers, "test-garbage"),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** A Jdbi on the H2 file database {@code ecledger} in {@code directory}. */
    public static Jdbi h2(Path directory) {
        return Jdbi.create("jdbc:h2:file:" + directory.resolve("ecledger").toAbsolutePath())
                .installPlugin(new SqlObjectPlugin());
    }

    /** A Jdbi on a new in-memory H2 holding the projection's schema and no rows, for tests that need no broker. */
    public static Jdbi inMemoryH2() {
        // DB_CLOSE_DELAY=-1: the database lives as long as the JVM, not as long as a connection
        Jdbi jdbi = Jdbi.create("jdbc:h2:mem:projection-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
                .installPlugin(new SqlObjectPlugin());
        new Migrations(jdbi, Clock.systemUTC()).migrate();
        return jdbi;
    }

    /** A started projection into {@code jdbi}, stopped at {@link #close()}. */
    public Projection start(Jdbi jdbi) {
        Projection projection = new Projection(jdbi, servers, layout, Clock.systemUTC(), skipped);
        new Migrations(jdbi, Clock.systemUTC()).migrate();
        synchronized (this) {
            projected.add(jdbi);
            preseeded.forEach(accepted -> preseed(jdbi, accepted));
        }
        projection.start();
        projections.add(projection);
        return projection;
    }

    /** Appends a command to {@code target} expected from {@code nodes}; returns it with its ledger offset. */
    public Issued issue(Target target, String text, String... nodes) {
        CommandIssued command = new CommandIssued(UUID.randomUUID(), target, text, List.of(nodes), DEADLINE,
                OptionalLong.empty());
        return new Issued(command, ledger.append("alice", Origin.CONSOLE, command));
    }

    /** Appends {@code flush control cache}; returns its ledger offset. */
    public long flush() {
        return ledger.append("alice", Origin.CONSOLE, ResultsFlushed.now());
    }

    /** Publishes a node's answer to a command, as an agent would. */
    public void respond(Issued issued, String node, String subcluster, String output) throws Exception {
        send(new NodeResponse(issued.command().commandId(), issued.offset(), node, subcluster, NodeStatus.OK, output,
                BEFORE, BEFORE.plusMillis(12)));
    }

    /**
     * Publishes a node's REJECTED word on a record at {@code recordOffset} claiming {@code issued}'s id, as an agent
     * says it of a forged or copied record.
     */
    public void refuse(Issued issued, long recordOffset, String node, String subcluster, String reason) throws Exception {
        send(new NodeResponse(issued.command().commandId(), recordOffset, node, subcluster, NodeStatus.REJECTED,
                "not run: " + reason, BEFORE, BEFORE));
    }

    private void send(NodeResponse response) throws Exception {
        String node = response.node();
        trust(node);
        responses.send(new ProducerRecord<>(layout.responses(), response.commandId().toString(), nodes.sign(response))).get();
    }

    /** Publishes an announcement, heartbeat or departure, keyed by node as agents do. */
    public void member(MembershipEvent event) throws Exception {
        trust(event.identity().node());
        membership.send(new ProducerRecord<>(layout.membership(), event.identity().node(), nodes.sign(event))).get();
    }

    // a node's key is preseeded in every projection before the first record in its name: the ledger stays as the test wrote it
    private synchronized void trust(String node) {
        nodes.acceptanceOnFirstUse(node).ifPresent(accepted -> {
            preseeded.add(accepted);
            projected.forEach(jdbi -> preseed(jdbi, accepted));
        });
    }

    private static void preseed(Jdbi jdbi, NodeKeyDecided accepted) {
        jdbi.useExtension(NodeKeyDao.class, dao -> dao.preseed(accepted.node(), accepted.fingerprint(), accepted.publicKey()));
    }

    /** Writes bytes no codec can read to {@code topic}. */
    public void garbage(String topic) throws Exception {
        raw.send(new ProducerRecord<>(topic, "garbage".getBytes(StandardCharsets.UTF_8),
                "{\"not\": \"avro\"}".getBytes(StandardCharsets.UTF_8))).get();
    }

    /** A node identity in a subcluster. */
    public static NodeIdentity node(String name, String subcluster) {
        return new NodeIdentity(name, subcluster, name + ".example.com", "0.1.0");
    }

    /** Announces each node at {@link #BEFORE}. */
    public void announce(NodeIdentity... nodes) throws Exception {
        for (NodeIdentity node : nodes) {
            member(new MembershipEvent.NodeAnnounced(node, BEFORE));
        }
    }

    /** Waits until the projection has applied every record on every topic. */
    public static void caughtUp(Projection projection) {
        assertThat(projection.awaitCaughtUp(WAIT)).as("projection caught up").isTrue();
    }

    /** How many rows each projection table holds. */
    public static Map<String, Integer> rowCounts(Jdbi jdbi) {
        return jdbi.withHandle(handle -> {
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (String table : TABLES) {
                counts.put(table, handle.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Integer.class).one());
            }
            return counts;
        });
    }

    @Override
    public void close() {
        projections.forEach(Projection::stop);
        raw.close();
        membership.close();
        responses.close();
        ledger.close();
    }

    /** A command as appended, and where. */
    public record Issued(CommandIssued command, long offset) {

        public UUID id() {
            return command.commandId();
        }
    }
}
