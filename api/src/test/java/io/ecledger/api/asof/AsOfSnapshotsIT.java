package io.ecledger.api.asof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ecledger.api.testing.Cluster;
import io.ecledger.api.testing.ManagerFixture;
import io.ecledger.api.testing.SeededCluster;
import io.ecledger.ledger.command.AsOf;
import io.ecledger.ledger.kafka.ClientProperties;
import io.ecledger.ledger.kafka.KafkaClientOverrides;
import io.ecledger.ledger.testing.KafkaBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * As-of from snapshots against the fold from offset 0, on a real broker and a real cluster's topics: a few hundred
 * ledger offsets, a snapshot every 50, every table of the folded projection compared row for row.
 */
@ExtendWith(KafkaBroker.class)
class AsOfSnapshotsIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final SnapshotSettings SETTINGS = new SnapshotSettings(50, 4, Duration.ofSeconds(1), Duration.ofSeconds(1));

    @Test
    void answersFromSnapshotsEqualTheFoldFromOffsetZeroAcrossARestartAndWithoutATamperedSnapshot(
            KafkaBroker.Handle broker, @TempDir Path directory) throws IOException {
        try (Cluster cluster = SeededCluster.fresh(broker).withSeedConf().start()) {
            ManagerFixture manager = cluster.manager();
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(manager.console("show cluster membership").body())
                    .contains("rh52bare", "rh52mgr", "rh52bar2").doesNotContain("silent"));
            for (int i = 0; i < 120; i++) {
                assertThat(manager.console(i % 40 == 20 ? "config set Control_Listener Timeout = " + (30 + i)
                        : "broadcast version").statusCode()).isEqualTo(200);
            }
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(manager.console("retrieve version").body())
                    .doesNotContain("pending"));
            long end = cluster.ledger().endOffset();
            assertThat(end).isGreaterThan(200);

            // a snapshot is taken once its time is a lateness old
            Instant settled = Instant.now().plus(SETTINGS.lateness());
            await().atMost(PATIENCE).until(() -> Instant.now().isAfter(settled));
            // one clock for both folds: a point with no record after it is evaluated now
            Clock clock = Clock.fixed(Instant.now(), java.time.ZoneOffset.UTC);
            AsOfViews plain = views(cluster, clock);
            AsOfViews snapshots = views(cluster, clock).withSnapshots(directory, SETTINGS);
            assertThat(snapshots.buildSnapshots()).isGreaterThanOrEqualTo(3);
            List<SnapshotMeta> kept = new SnapshotStore(directory, SETTINGS.keep()).list();
            assertThat(kept).hasSizeBetween(3, SETTINGS.keep());

            List<AsOf> points = new ArrayList<>();
            for (long offset : new long[] {0, 1, 10, 48, 49, 50, end / 2, end - 2, end - 1}) {
                points.add(new AsOf.Offset(offset));
            }
            for (SnapshotMeta meta : kept) {
                points.add(new AsOf.Offset(meta.boundary()));
                points.add(new AsOf.Offset(meta.ledgerNext() - 1));
                points.add(new AsOf.Offset(meta.ledgerNext()));
                points.add(new AsOf.Time(Instant.ofEpochMilli(meta.watermark())));
                points.add(new AsOf.Time(Instant.ofEpochMilli(meta.watermark() - 1)));
            }
            for (ConsumerRecord<byte[], byte[]> record : ledger(cluster, List.of(3L, end / 3, end - 3))) {
                points.add(new AsOf.Time(Instant.ofEpochMilli(record.timestamp())));
            }
            points.add(new AsOf.Time(clock.instant()));

            List<Long> starts = new ArrayList<>();
            for (AsOf point : points) {
                assertThat(snapshots.read(point, AsOfSnapshotsIT::dump)).as("as of %s", point)
                        .isEqualTo(plain.replay(point, AsOfSnapshotsIT::dump));
                starts.add(snapshots.lastStart());
            }
            assertThat(starts).as("a point before the first snapshot folds from offset 0").contains(-1L);
            assertThat(starts.stream().filter(start -> start >= 0).distinct().count()).as("snapshots answered")
                    .isGreaterThanOrEqualTo(3);

            // a restart: a new manager's views on the same directory answer from the snapshots without taking any
            AsOfViews restarted = views(cluster, clock).withSnapshots(directory, SETTINGS);
            AsOf last = new AsOf.Offset(end - 1);
            assertThat(restarted.read(last, AsOfSnapshotsIT::dump)).isEqualTo(plain.replay(last, AsOfSnapshotsIT::dump));
            assertThat(restarted.lastStart()).isEqualTo(kept.get(kept.size() - 1).boundary());

            // a snapshot that names another ledger record's hash (a rewritten chain) is discarded; the answer is right
            SnapshotMeta newest = kept.get(kept.size() - 1);
            Path description = Files.list(directory).filter(f -> f.toString().endsWith(
                    String.format("%015d.properties", newest.boundary()))).findFirst().orElseThrow();
            Properties forged = new Properties();
            try (var in = Files.newBufferedReader(description)) {
                forged.load(in);
            }
            forged.setProperty("ledger.lastHash", SnapshotFolds.hash("another ledger".getBytes()));
            try (var out = Files.newBufferedWriter(description)) {
                forged.store(out, null);
            }
            assertThat(restarted.read(last, AsOfSnapshotsIT::dump)).isEqualTo(plain.replay(last, AsOfSnapshotsIT::dump));
            assertThat(restarted.lastStart()).isLessThan(newest.boundary());
            assertThat(new SnapshotStore(directory, SETTINGS.keep()).list()).extracting(SnapshotMeta::boundary)
                    .doesNotContain(newest.boundary());

            // a snapshot file changed behind its description is discarded too
            SnapshotMeta oldest = kept.get(0);
            try (Stream<Path> files = Files.list(directory)) {
                Path file = files.filter(f -> f.toString().endsWith(String.format("%015d.mv.db", oldest.boundary())))
                        .findFirst().orElseThrow();
                byte[] bytes = Files.readAllBytes(file);
                bytes[bytes.length / 2] ^= 1;
                Files.write(file, bytes);
            }
            AsOf atOldest = new AsOf.Offset(oldest.ledgerNext());
            assertThat(restarted.read(atOldest, AsOfSnapshotsIT::dump))
                    .isEqualTo(plain.replay(atOldest, AsOfSnapshotsIT::dump));
            assertThat(new SnapshotStore(directory, SETTINGS.keep()).list()).extracting(SnapshotMeta::boundary)
                    .doesNotContain(oldest.boundary());

            // and the builder takes the missing ones again from the ledger
            assertThat(restarted.buildSnapshots()).isGreaterThanOrEqualTo(1);
            assertThat(restarted.read(last, AsOfSnapshotsIT::dump)).isEqualTo(plain.replay(last, AsOfSnapshotsIT::dump));
        }
    }

    private static AsOfViews views(Cluster cluster, Clock clock) {
        return new AsOfViews(cluster.bootstrapServers(), cluster.layout(), clock);
    }

    private static List<ConsumerRecord<byte[], byte[]>> ledger(Cluster cluster, List<Long> offsets) {
        List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
        TopicPartition partition = new TopicPartition(cluster.layout().ledger(), 0);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(ClientProperties.scanReader(
                cluster.bootstrapServers(), "asof-it-" + UUID.randomUUID(), KafkaClientOverrides.none()))) {
            consumer.assign(List.of(partition));
            for (long offset : offsets) {
                consumer.seek(partition, offset);
                List<ConsumerRecord<byte[], byte[]>> polled = List.of();
                while (polled.isEmpty()) {
                    polled = consumer.poll(Duration.ofMillis(200)).records(partition);
                }
                found.add(polled.get(0));
            }
        }
        return found;
    }

    // every table but the migrations' own, each row as text, sorted: equal folds give equal dumps
    private static String dump(Snapshot snapshot) {
        return snapshot.projection().withHandle(handle -> {
            StringBuilder text = new StringBuilder("now ").append(snapshot.now()).append('\n');
            List<String> tables = handle.createQuery("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES"
                    + " WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME <> 'SCHEMA_VERSION' ORDER BY TABLE_NAME")
                    .mapTo(String.class).list();
            for (String table : tables) {
                text.append("== ").append(table).append('\n');
                handle.createQuery("SELECT * FROM \"" + table + "\"").mapToMap().stream()
                        .map(AsOfSnapshotsIT::text).sorted()
                        .forEach(row -> text.append(row).append('\n'));
            }
            return text.toString();
        });
    }


    // a CLOB or BLOB prints as its object id: its content instead
    private static String text(java.util.Map<String, Object> row) {
        java.util.Map<String, Object> sorted = new java.util.TreeMap<>();
        row.forEach((column, value) -> {
            try {
                sorted.put(column, value instanceof java.sql.Clob clob ? clob.getSubString(1, (int) clob.length())
                        : value instanceof java.sql.Blob blob ? java.util.HexFormat.of().formatHex(
                                blob.getBytes(1, (int) blob.length())) : value);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        return sorted.toString();
    }
}
