package io.ecledger.api.asof;

import io.ecledger.api.http.Refused;
import io.ecledger.api.projection.ManagerEvents;
import io.ecledger.api.projection.Migrations;
import io.ecledger.api.projection.NodeKeyDao;
import io.ecledger.api.projection.ProjectedRecord;
import io.ecledger.api.projection.ProjectionDao;
import io.ecledger.ledger.codec.UndecodableRecordException;
import io.ecledger.ledger.command.AsOf;
import io.ecledger.ledger.kafka.PartitionScan;
import io.ecledger.ledger.kafka.TopicLayout;
import io.ecledger.ledger.sign.KeyFiles;
import io.ecledger.ledger.sign.KeyFingerprint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.LongPredicate;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * As-of folds that start from the nearest {@link SnapshotMeta snapshot} at or before the point and read only the
 * records after it, and the builder that takes a snapshot every {@link SnapshotSettings#every} ledger offsets.
 *
 * <p>Why a snapshot is a valid start: the fold from offset 0 ({@link AsOfViews#replay}) applies every record in the
 * order of its timestamp (a running maximum per partition), membership before ledger before responses on a tie. A
 * snapshot holds, for a time W, each partition's prefix of records stamped at or before W, applied in that order; it
 * is the start of that order for every point whose records after the prefixes are all ordered after W. Each fold
 * checks that, and falls back to an older snapshot (in the end to offset 0) when it does not hold: a record stamped
 * earlier than the ones before it on its partition, arrived after the snapshot was taken.
 *
 * <p>Trust: a snapshot names the ledger record it ends with and that record's SHA-256; the fold reads that record
 * again and discards the snapshot with a WARN when the ledger no longer has it (rewritten, forged, another
 * cluster's). Its file must hash as described, its keys and schema be the manager's now. Everything else comes
 * from the ledger: delete the directory and the builder takes them again.
 *
 * <p>Reads stop on each partition at the first record stamped {@link SnapshotSettings#lateness} after the point's
 * cut-off: a record stamped earlier than that after it is not folded (the fold from offset 0 reads to the end).
 */
final class SnapshotFolds {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotFolds.class);

    private final SnapshotStore store;
    private final SnapshotSettings settings;
    private final PartitionScan scan;
    private final Supplier<Consumer<byte[], byte[]>> readers;
    private final TopicLayout layout;
    private final Clock clock;
    private final Supplier<Map<String, String>> preseeded;
    private final Supplier<Optional<PublicKey>> managerKey;
    // the boundary of the snapshot the last answer started from, -1 for offset 0: for tests to see the path taken
    private volatile long lastStart = -2;

    SnapshotFolds(SnapshotStore store, SnapshotSettings settings, PartitionScan scan,
                  Supplier<Consumer<byte[], byte[]>> readers, TopicLayout layout, Clock clock,
                  Supplier<Map<String, String>> preseeded, Supplier<Optional<PublicKey>> managerKey) {
        this.store = store;
        this.settings = settings;
        this.scan = scan;
        this.readers = readers;
        this.layout = layout;
        this.clock = clock;
        this.preseeded = preseeded;
        this.managerKey = managerKey;
    }

    // ---------------------------------------------------------------- answering

    /** Answers {@code question} as of {@code point} from the nearest usable snapshot, or from offset 0. */
    <T> T read(AsOf point, Function<Snapshot, T> question) {
        List<SnapshotMeta> usable = new ArrayList<>(trusted());
        usable.removeIf(meta -> !before(meta, point));
        for (int i = usable.size() - 1; i >= 0; i--) {
            Optional<T> answer = tryRead(usable.get(i), point, question);
            if (answer.isPresent()) {
                return answer.get();
            }
        }
        return tryRead(SnapshotMeta.EMPTY, point, question).orElseThrow(() -> new AssertionError("offset 0 is a start"));
    }

    private static boolean before(SnapshotMeta meta, AsOf point) {
        if (point instanceof AsOf.Offset at) {
            return meta.ledgerNext() <= at.offset() + 1;
        } else if (point instanceof AsOf.Time at) {
            return meta.watermark() <= at.time().toEpochMilli();
        }
        throw new AssertionError("unmapped point " + point);
    }

    private <T> Optional<T> tryRead(SnapshotMeta base, AsOf point, Function<Snapshot, T> question) {
        Instant now = clock.instant();
        long slack = settings.lateness().toMillis();
        Optional<List<ConsumerRecord<byte[], byte[]>>> ledgerRead;
        long cutoff;
        List<ConsumerRecord<byte[], byte[]>> ledger;
        if (point instanceof AsOf.Offset at) {
            long offset = at.offset();
            long[] end = {0};
            // to the first record after the point: its time is the cut-off (markers have no time)
            ledgerRead = ledgerFrom(base, Long.MAX_VALUE, record -> record.offset() > offset, end);
            if (ledgerRead.isEmpty()) {
                return Optional.empty();
            }
            if (end[0] <= offset) {
                // the same refusal as the fold from offset 0, whose end is the ledger's end now
                throw new Refused("beyond-ledger-end", "--at " + offset + ": the ledger ends before that offset;"
                        + " its last offset is " + (end[0] - 1));
            }
            ledger = ledgerRead.get().stream().filter(r -> r.offset() >= base.ledgerNext() && r.offset() <= offset).toList();
            cutoff = ledgerRead.get().stream().filter(r -> r.offset() > offset).findFirst()
                    .map(ConsumerRecord::timestamp).orElse(now.toEpochMilli());
        } else if (point instanceof AsOf.Time at) {
            cutoff = at.time().toEpochMilli();
            long stop = saturatedAdd(cutoff, slack);
            ledgerRead = ledgerFrom(base, Long.MAX_VALUE, record -> record.timestamp() > stop, new long[1]);
            if (ledgerRead.isEmpty()) {
                return Optional.empty();
            }
            ledger = ledgerRead.get().stream().filter(r -> r.offset() >= base.ledgerNext() && r.timestamp() <= cutoff)
                    .toList();
        } else {
            throw new AssertionError("unmapped point " + point);
        }
        if (cutoff < base.watermark()) {
            return Optional.empty();
        }
        long stop = saturatedAdd(cutoff, slack);
        Map<Integer, List<ConsumerRecord<byte[], byte[]>>> membership = after(layout.membership(), base.membership(),
                timestamp -> timestamp > stop);
        Map<Integer, List<ConsumerRecord<byte[], byte[]>>> responses = after(layout.responses(), base.responses(),
                timestamp -> timestamp > stop);
        SnapshotStore.Checked snapshot = null;
        SnapshotOverlay overlay = null;
        Opened db = null;
        try {
            if (!base.empty()) {
                snapshot = store.open(base);
                if (snapshot == null) {
                    return Optional.empty();
                }
                overlay = SnapshotOverlay.over(snapshot.channel());
            }
            // no trace file: H2 would keep one in the overlay's memory, where no operator reads it
            db = open(base, overlay == null ? "jdbc:h2:mem:asof-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"
                    : "jdbc:h2:" + overlay.database() + ";DB_CLOSE_DELAY=-1;TRACE_LEVEL_FILE=0");
            if (db == null) {
                return Optional.empty();
            }
            ManagerEvents manager = manager(db.jdbi(), base);
            List<Stamped> stamped = new ArrayList<>();
            // the fold from offset 0 adds membership, then ledger, then responses: the same, for the same ties
            for (var partition : membership.entrySet()) {
                stamp(stamped, partition.getValue().stream().filter(r -> r.timestamp() <= cutoff).toList(), 0,
                        this::decode, base.membership().getOrDefault(partition.getKey(), START).max());
            }
            stamp(stamped, ledger, 1, manager::project, base.ledgerMax());
            for (var partition : responses.entrySet()) {
                stamp(stamped, partition.getValue().stream().filter(r -> r.timestamp() <= cutoff).toList(), 2,
                        this::decode, base.responses().getOrDefault(partition.getKey(), START).max());
            }
            if (stamped.stream().anyMatch(s -> s.timestamp() <= base.watermark())) {
                LOG.debug("as-of snapshot at {} does not start the fold to {}: a record after it is stamped before it",
                        base.boundary(), point);
                return Optional.empty();
            }
            stamped.sort(Comparator.comparingLong(Stamped::timestamp).thenComparingInt(Stamped::rank));
            db.jdbi().useExtension(ProjectionDao.class, dao -> dao.apply(
                    stamped.stream().map(Stamped::record).toList(), List.of(), manager.state()));
            Instant evaluated = point instanceof AsOf.Time at ? at.time() : Instant.ofEpochMilli(cutoff);
            T answer = question.apply(new Snapshot(db.jdbi(), evaluated));
            if (snapshot != null && !snapshot.unchanged()) {
                LOG.warn("as-of snapshot at {} was written while a question read it; asked again from an older start",
                        base.boundary());
                return Optional.empty();
            }
            lastStart = base.boundary();
            return Optional.of(answer);
        } catch (IOException e) {
            throw new UncheckedIOException("as-of fold from the snapshot at " + base.boundary(), e);
        } finally {
            if (db != null) {
                abandon(db.url());
            }
            // the overlay closes the snapshot it was made over
            SnapshotStore.closeQuietly(overlay != null ? overlay : snapshot == null ? null : snapshot.channel());
        }
    }

    private static final SnapshotMeta.Mark START = new SnapshotMeta.Mark(0, Long.MIN_VALUE);

    /**
     * The ledger from the record {@code base} ends with (checked, then left out) to {@code until}, ending after the
     * first record whose timestamp {@code stopAt}; empty when the ledger no longer has that record (then discarded).
     */
    private Optional<List<ConsumerRecord<byte[], byte[]>>> ledgerFrom(SnapshotMeta base, long until,
            Predicate<ConsumerRecord<byte[], byte[]>> stopAt, long[] end) {
        long from = base.empty() ? 0 : base.lastOffset();
        List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
        end[0] = scan.scan(new TopicPartition(layout.ledger(), 0), from, until, (records, range) -> {
            for (ConsumerRecord<byte[], byte[]> record : records) {
                read.add(record);
                if (stopAt.test(record)) {
                    return false;
                }
            }
            return true;
        }).end();
        if (base.empty()) {
            return Optional.of(read);
        }
        if (read.isEmpty() || read.get(0).offset() != base.lastOffset()) {
            store.discard(base, "the ledger has no record at offset " + base.lastOffset() + " any more");
            return Optional.empty();
        }
        String hash = hash(read.get(0).value());
        if (!hash.equals(base.lastHash())) {
            store.discard(base, "the ledger's record at offset " + base.lastOffset() + " hashes to " + hash
                    + ", not the " + base.lastHash() + " it was taken at");
            return Optional.empty();
        }
        return Optional.of(read.subList(1, read.size()));
    }

    /** Each partition of {@code topic} from where {@code marks} say, up to and with the first record {@code stopAt}. */
    private Map<Integer, List<ConsumerRecord<byte[], byte[]>>> after(String topic, Map<Integer, SnapshotMeta.Mark> marks,
                                                                     LongPredicate stopAt) {
        Map<Integer, List<ConsumerRecord<byte[], byte[]>>> read = new TreeMap<>();
        for (int partition : partitions(topic)) {
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            scan.scan(new TopicPartition(topic, partition), marks.getOrDefault(partition, START).next(), (polled, range) -> {
                for (ConsumerRecord<byte[], byte[]> record : polled) {
                    records.add(record);
                    if (stopAt.test(record.timestamp())) {
                        return false;
                    }
                }
                return true;
            });
            read.put(partition, records);
        }
        return read;
    }

    private List<Integer> partitions(String topic) {
        try (Consumer<byte[], byte[]> consumer = readers.get()) {
            return consumer.partitionsFor(topic).stream().map(info -> info.partition()).sorted().toList();
        }
    }

    long lastStart() {
        return lastStart;
    }

    // ---------------------------------------------------------------- building

    /** Takes every snapshot the ledger has grown enough for; returns how many were taken. */
    int build() {
        int taken = 0;
        while (true) {
            List<SnapshotMeta> metas = trusted();
            SnapshotMeta base = metas.isEmpty() ? SnapshotMeta.EMPTY : metas.get(metas.size() - 1);
            long boundary = base.empty() ? settings.every() - 1 : base.boundary() + settings.every();
            Optional<SnapshotMeta> made = take(base, boundary);
            if (made.isEmpty() && !base.empty()) {
                // the newest snapshot may not start this one (a late record): take it from offset 0 then
                made = take(SnapshotMeta.EMPTY, boundary);
            }
            if (made.isEmpty()) {
                return taken;
            }
            taken++;
            LOG.info("as-of snapshot taken at ledger offset {} (watermark {}, ledger next {})", boundary,
                    Instant.ofEpochMilli(made.get().watermark()), made.get().ledgerNext());
        }
    }

    private Optional<SnapshotMeta> take(SnapshotMeta base, long boundary) {
        // the ledger from the base to the first record stamped after the one at the boundary
        long[] running = {base.ledgerMax()};
        boolean[] reached = {false};
        Optional<List<ConsumerRecord<byte[], byte[]>>> read = ledgerFrom(base, Long.MAX_VALUE, record -> {
            if (reached[0] && record.timestamp() > running[0]) {
                return true;
            }
            running[0] = Math.max(running[0], record.timestamp());
            reached[0] |= record.offset() >= boundary;
            return false;
        }, new long[1]);
        long[] watermark = {base.ledgerMax()};
        boolean[] anchored = {false};
        if (read.isEmpty()) {
            return Optional.empty();
        }
        List<ConsumerRecord<byte[], byte[]>> prefix = new ArrayList<>();
        long ledgerNext = -1;
        for (ConsumerRecord<byte[], byte[]> record : read.get()) {
            if (anchored[0] && record.timestamp() > watermark[0]) {
                ledgerNext = record.offset();
                break;
            }
            prefix.add(record);
            watermark[0] = Math.max(watermark[0], record.timestamp());
            if (record.offset() >= boundary) {
                anchored[0] = true;
            }
        }
        long w = watermark[0];
        if (ledgerNext < 0 || w + settings.lateness().toMillis() > clock.millis()) {
            return Optional.empty(); // not yet: the boundary's time is not closed, or too recent to have settled
        }
        Map<Integer, List<ConsumerRecord<byte[], byte[]>>> membership = after(layout.membership(), base.membership(),
                timestamp -> timestamp > w);
        Map<Integer, List<ConsumerRecord<byte[], byte[]>>> responses = after(layout.responses(), base.responses(),
                timestamp -> timestamp > w);
        Path scratch = null;
        Opened db = null;
        try {
            scratch = store.scratch();
            if (!base.empty() && !store.copyTo(base, scratch.resolve("fold.mv.db"))) {
                return Optional.empty();
            }
            db = open(base, "jdbc:h2:file:" + scratch.resolve("fold") + ";DB_CLOSE_DELAY=-1");
            if (db == null) {
                return Optional.empty();
            }
            ManagerEvents manager = manager(db.jdbi(), base);
            List<Stamped> stamped = new ArrayList<>();
            Map<Integer, SnapshotMeta.Mark> membershipMarks = new TreeMap<>();
            Map<Integer, SnapshotMeta.Mark> responseMarks = new TreeMap<>();
            prefixes(stamped, membership, base.membership(), 0, w, membershipMarks);
            long ledgerMax = stamp(stamped, prefix, 1, manager::project, base.ledgerMax());
            prefixes(stamped, responses, base.responses(), 2, w, responseMarks);
            if (stamped.stream().anyMatch(s -> s.timestamp() <= base.watermark())) {
                return Optional.empty();
            }
            stamped.sort(Comparator.comparingLong(Stamped::timestamp).thenComparingInt(Stamped::rank));
            db.jdbi().useExtension(ProjectionDao.class, dao -> dao.apply(
                    stamped.stream().map(Stamped::record).toList(), List.of(), manager.state()));
            int schema = db.schema();
            close(db.url());
            db = null;
            ConsumerRecord<byte[], byte[]> last = prefix.isEmpty() ? null : prefix.get(prefix.size() - 1);
            long lastOffset = last == null ? base.lastOffset() : last.offset();
            String lastHash = last == null ? base.lastHash() : hash(last.value());
            SnapshotMeta meta = new SnapshotMeta(boundary, w, ledgerNext, ledgerMax, lastOffset, lastHash,
                    responseMarks, membershipMarks, schema, keys(), "");
            store.save(scratch.resolve("fold.mv.db"), meta);
            return Optional.of(meta);
        } catch (IOException e) {
            throw new UncheckedIOException("as-of snapshot at " + boundary, e);
        } finally {
            if (db != null) {
                abandon(db.url());
            }
            deleteTree(scratch);
        }
    }

    // each partition's prefix of records stamped at or before w; its mark the first offset after it
    private void prefixes(List<Stamped> stamped, Map<Integer, List<ConsumerRecord<byte[], byte[]>>> read,
                          Map<Integer, SnapshotMeta.Mark> base, int rank, long w, Map<Integer, SnapshotMeta.Mark> marks) {
        read.forEach((partition, records) -> {
            SnapshotMeta.Mark from = base.getOrDefault(partition, START);
            List<ConsumerRecord<byte[], byte[]>> prefix = new ArrayList<>();
            long next = from.next();
            for (ConsumerRecord<byte[], byte[]> record : records) {
                if (record.timestamp() > w) {
                    next = record.offset();
                    break;
                }
                prefix.add(record);
                next = record.offset() + 1;
            }
            // not ended: read to the partition's end; a marker after the last record is stepped over again next time
            long max = stamp(stamped, prefix, rank, this::decode, from.max());
            marks.put(partition, new SnapshotMeta.Mark(next, max));
        });
    }

    // ---------------------------------------------------------------- shared

    private record Opened(String url, Jdbi jdbi, int schema) {}

    /** One record read, with the time it is ordered by. */
    private record Stamped(long timestamp, int rank, ProjectedRecord record) {}

    private ProjectedRecord decode(ConsumerRecord<byte[], byte[]> record) throws UndecodableRecordException {
        return ProjectedRecord.decode(record, layout);
    }

    // as AsOfViews.replay: tombstones and garbage pass without moving the running maximum; returns where it ends
    private long stamp(List<Stamped> into, List<ConsumerRecord<byte[], byte[]>> records, int rank,
                       AsOfViews.Decoder decoder, long from) {
        long latest = from;
        for (ConsumerRecord<byte[], byte[]> record : records) {
            Optional<ProjectedRecord> foldable = AsOfViews.foldable(record, decoder, layout);
            if (foldable.isEmpty()) {
                continue;
            }
            latest = Math.max(record.timestamp(), latest);
            into.add(new Stamped(latest, rank, foldable.get()));
        }
        return latest;
    }

    private ManagerEvents manager(Jdbi jdbi, SnapshotMeta base) {
        ManagerEvents manager = new ManagerEvents(managerKey.get());
        if (!base.empty()) {
            manager.restart(jdbi.withExtension(ProjectionDao.class, ProjectionDao::trail));
        }
        return manager;
    }

    /**
     * The fold's database at {@code url} (from nothing, or holding {@code base}), migrated; null, and the snapshot
     * discarded, when {@code base} was taken at another projection schema.
     */
    private Opened open(SnapshotMeta base, String url) {
        Jdbi jdbi = Jdbi.create(url).installPlugin(new SqlObjectPlugin());
        int schema = new Migrations(jdbi, clock).migrate();
        if (base.empty()) {
            preseeded.get().forEach((node, text) -> {
                PublicKey key = KeyFiles.parsePublic(text);
                jdbi.useExtension(NodeKeyDao.class, dao -> dao.preseed(node, KeyFingerprint.of(key).value(),
                        KeyFiles.publicBase64(key)));
            });
        } else if (schema != base.schema()) {
            abandon(url);
            store.discard(base, "it was taken at projection schema " + base.schema() + ", this manager's is " + schema);
            return null;
        }
        return new Opened(url, jdbi, schema);
    }

    /** The snapshots taken for this manager's keys; the others are discarded. */
    private List<SnapshotMeta> trusted() {
        String keys = keys();
        List<SnapshotMeta> trusted = new ArrayList<>();
        for (SnapshotMeta meta : store.list()) {
            if (meta.keys().equals(keys)) {
                trusted.add(meta);
            } else {
                store.discard(meta, "it was taken for other trusted keys");
            }
        }
        return trusted;
    }

    // what the fold trusts besides the ledger: the preseeded node keys and the manager's oldest key
    private String keys() {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(preseeded.get()).forEach((node, key) -> text.append(node).append('=').append(key).append('\n'));
        managerKey.get().ifPresent(key -> text.append("manager=").append(KeyFiles.publicBase64(key)));
        return hash(text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static String hash(byte[] bytes) {
        MessageDigest digest = SnapshotStore.sha256();
        return HexFormat.of().formatHex(digest.digest(bytes == null ? new byte[0] : bytes));
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    // stores and closes the database before its file is moved in as a snapshot; COMPACT rewrites it without the
    // chunks the fold left behind, so every question that copies and hashes it reads fewer bytes
    private static void close(String url) {
        shutdown(url, "SHUTDOWN COMPACT");
    }

    // a fold that is thrown away afterwards: IMMEDIATELY skips storing its pages and compacting the file on close,
    // which grew with the snapshot's size (most of a question's time on a 100k-event ledger)
    private static void abandon(String url) {
        shutdown(url, "SHUTDOWN IMMEDIATELY");
    }

    private static void shutdown(String url, String statement) {
        try (Connection connection = DriverManager.getConnection(url); Statement shutdown = connection.createStatement()) {
            shutdown.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close the as-of fold " + url + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path directory) {
        if (directory == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(SnapshotStore::deleteQuietly);
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", directory, e.getMessage());
        }
    }
}
