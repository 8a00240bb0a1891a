package io.ecledger.bench;

import io.ecledger.api.projection.Migrations;
import io.ecledger.api.projection.Projection;
import io.ecledger.api.projection.Rebuilt;
import io.ecledger.ledger.broker.EmbeddedKafka;
import io.ecledger.ledger.command.Origin;
import io.ecledger.ledger.command.Target;
import io.ecledger.ledger.event.CommandIssued;
import io.ecledger.ledger.kafka.ClientProperties;
import io.ecledger.ledger.kafka.Ledger;
import io.ecledger.ledger.kafka.LedgerEntry;
import io.ecledger.ledger.kafka.SkippedRecords;
import io.ecledger.ledger.kafka.TopicLayout;
import io.ecledger.ledger.kafka.TopicSettings;
import io.ecledger.ledger.kafka.Topics;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.jdbi.v3.core.Jdbi;

/**
 * How fast the manager rebuilds its projection from offset 0 (ledger events per second into an H2 file), as ratios
 * against, in the same run on the same ledger: a plain {@code KafkaConsumer} reading the same records (no decoding)
 * and plain JDBC inserting the same rows into a fresh H2 file in batches of 1,000 events per transaction.
 */
public final class RebuildBench {

    private static final int EVENTS = 20_000;
    private static final int BATCH = 1_000;
    private static final int ROUNDS = 3;
    private static final double GOAL = 0.7;
    private static final List<String> NODES = List.of("rh52bare", "rh52mgr", "rh52bar2");

    private RebuildBench() {}

    public static void main(String[] args) throws Exception {
        BenchRun.inTemporaryDirectory(RebuildBench::run);
    }

    private static void run(Path data) throws Exception {
        EmbeddedKafka broker = EmbeddedKafka.at(data.resolve("kafka")).start();
        try {
            String servers = broker.bootstrapServers();
            System.out.printf("ecledger rebuild benchmark — in-process Kafka broker, H2 file, %d cores, Java %s%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
            System.out.printf("ledger: %,d CommandIssued events (broadcast to 3 nodes) = %,d rows "
                    + "(issued_command + 3 expected_node each)%n%n", EVENTS, EVENTS * (1 + NODES.size()));

            // round 0 warms up the JIT, the broker and H2; the median of rounds 1..ROUNDS is printed
            double[][] results = new double[3][ROUNDS];
            for (int round = 0; round <= ROUNDS; round++) {
                TopicLayout layout = new TopicLayout("bench-rebuild-" + round);
                try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
                    new Topics(admin, layout, TopicSettings.singleBroker()).ensure();
                }
                List<CommandIssued> commands = new ArrayList<>(EVENTS);
                try (Ledger ledger = Ledger.open(servers, layout, new SkippedRecords())) {
                    List<CompletableFuture<LedgerEntry>> pending = new ArrayList<>(EVENTS);
                    for (int i = 0; i < EVENTS; i++) {
                        CommandIssued command = CommandIssued.of(new Target.Broadcast(), "sieve:sieve1 flush cache " + i,
                                NODES, Instant.now().plusSeconds(30));
                        commands.add(command);
                        pending.add(ledger.appendAsync("bench", Origin.CONSOLE, command));
                    }
                    pending.forEach(CompletableFuture::join);
                }
                double[] r = new double[3];
                r[0] = rebuild(servers, layout, data.resolve("projection-" + round));
                r[1] = rawRead(servers, layout.ledger());
                r[2] = rawInsert(data.resolve("raw-" + round), commands);
                if (round > 0) {
                    for (int i = 0; i < r.length; i++) {
                        results[i][round - 1] = r[i];
                    }
                }
            }
            double rebuild = BenchRun.median(results[0]);
            double read = BenchRun.median(results[1]);
            double insert = BenchRun.median(results[2]);

            System.out.printf("median of %d rounds%n%n", ROUNDS);
            // reading the records and inserting their rows, one after the other: the floor a rebuild cannot go below
            double floor = 1 / (1 / read + 1 / insert);
            System.out.printf("%-58s %14s%n", "operation", "events/s");
            System.out.printf("%-58s %,14.0f%n", "raw: KafkaConsumer reads the same records, no decoding", read);
            System.out.printf("%-58s %,14.0f%n", "raw: JDBC batches insert the same rows into an H2 file", insert);
            System.out.println();
            System.out.printf("%-58s %12s %12s %8s %6s%n", "", "ecledger", "raw floor", "ratio", "goal");
            System.out.printf("%-58s %,12.0f %,12.0f %7.2fx %5.1fx %s%n", "rebuild from offset 0 vs raw read + raw insert",
                    rebuild, floor, rebuild / floor, GOAL, rebuild / floor >= GOAL ? "met" : "MISSED");
            ResultTable.report(java.util.List.of(ResultTable.Row.rate(
                    "projection rebuild vs raw read + JDBC batch insert", "ev/s", rebuild, floor, GOAL)));
            System.out.println();
            System.out.println("H2 commits are not synced per row; one broker with acks=all is the page cache, not fsynced.");
        } finally {
            broker.stop();
        }
    }

    /** Starts a projection on a fresh H2 file, lets it catch up once, then times a rebuild from offset 0. */
    private static double rebuild(String servers, TopicLayout layout, Path file) {
        Jdbi jdbi = Jdbi.create("jdbc:h2:file:" + file, "sa", "").installPlugins();
        Projection projection = new Projection(jdbi, servers, layout, Clock.systemUTC(), new SkippedRecords());
        projection.start();
        try {
            if (!projection.awaitCaughtUp(Duration.ofMinutes(5))) {
                throw new IllegalStateException("the projection did not catch up");
            }
            Rebuilt rebuilt = projection.rebuild();
            if (rebuilt.ledgerEvents() != EVENTS) {
                throw new IllegalStateException("rebuilt " + rebuilt.ledgerEvents() + " ledger events, expected " + EVENTS);
            }
            return rebuilt.ledgerEventsPerSecond();
        } finally {
            projection.stop();
        }
    }

    // the floor: a plain KafkaConsumer poll loop on purpose, not PartitionScan, so the ratio shows what ours costs
    private static double rawRead(String servers, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(ClientProperties.reader(servers, "bench-raw"))) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long t = System.nanoTime();
            long read = 0;
            while (read < EVENTS) {
                read += consumer.poll(Duration.ofMillis(200)).count();
            }
            return read / BenchRun.seconds(t);
        }
    }

    /** The rows a rebuild writes for these commands, with plain prepared-statement batches on the same schema. */
    private static double rawInsert(Path file, List<CommandIssued> commands) throws Exception {
        String url = "jdbc:h2:file:" + file;
        new Migrations(Jdbi.create(url, "sa", "").installPlugins(), Clock.systemUTC()).migrate();
        try (Connection db = DriverManager.getConnection(url, "sa", "");
                PreparedStatement command = db.prepareStatement("""
                        INSERT INTO issued_command (command_id, ledger_offset, issued_at, actor, origin, target_kind,
                                                    target_name, command_text, deadline, replay_of, flush_epoch)
                        VALUES (?, ?, ?, 'bench', 'CONSOLE', 'broadcast', NULL, ?, ?, NULL, 0)""");
                PreparedStatement expected = db.prepareStatement(
                        "INSERT INTO expected_node (command_id, seq, node, subcluster) VALUES (?, ?, ?, NULL)")) {
            db.setAutoCommit(false);
            long t = System.nanoTime();
            Timestamp now = Timestamp.from(Instant.now());
            for (int i = 0; i < commands.size(); i++) {
                CommandIssued issued = commands.get(i);
                command.setObject(1, issued.commandId());
                command.setLong(2, i);
                command.setTimestamp(3, now);
                command.setString(4, issued.commandText());
                command.setTimestamp(5, Timestamp.from(issued.deadline()));
                command.addBatch();
                for (int seq = 0; seq < issued.expectedNodes().size(); seq++) {
                    expected.setObject(1, issued.commandId());
                    expected.setInt(2, seq);
                    expected.setString(3, issued.expectedNodes().get(seq));
                    expected.addBatch();
                }
                if ((i + 1) % BATCH == 0 || i + 1 == commands.size()) {
                    command.executeBatch();
                    expected.executeBatch();
                    db.commit();
                }
            }
            return commands.size() / BenchRun.seconds(t);
        }
    }
}
