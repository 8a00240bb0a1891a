package io.ecledger.api.asof;

import io.ecledger.api.http.Refused;
import io.ecledger.api.projection.ManagerEvents;
import io.ecledger.api.projection.Migrations;
import io.ecledger.api.projection.NodeKeyDao;
import io.ecledger.api.projection.ProjectedRecord;
import io.ecledger.api.projection.ProjectionDao;
import io.ecledger.ledger.codec.UndecodableRecordException;
import io.ecledger.ledger.command.AsOf;
import io.ecledger.ledger.kafka.ClientProperties;
import io.ecledger.ledger.kafka.KafkaClientOverrides;
import io.ecledger.ledger.kafka.PartitionScan;
import io.ecledger.ledger.kafka.TopicLayout;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * Read views "as of" a ledger offset or a time: a fold of the three topics up to that point into a throwaway
 * in-memory H2, through the same {@link ProjectionDao#apply} the live projection uses. {@link #replay} reads the
 * whole ledger for each question; {@link #withSnapshots} starts each from the nearest snapshot at or before the point
 * instead (see {@link SnapshotFolds}): snapshots are only a shortcut, checked against the ledger and made from it.
 *
 * <p>Answers {@code retrieve}, {@code subcluster retrieve}, {@code retrieve_node}, {@code show cluster membership},
 * {@code config get} and {@code config eval}.
 *
 * <p>{@code --at N} is the state right after ledger event N was applied, with the responses and membership records
 * stamped no later than ledger event N+1 (or now, when N is the last one), evaluated at that time. {@code --at T}
 * is every ledger, response and membership record stamped no later than T, evaluated at T.
 *
 * <p>The membership topic is compacted: once Kafka has compacted it, the heartbeats of the past are gone and an
 * old point sees each node's latest record that is not later than it, or none.
 */
public final class AsOfViews {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private final PartitionScan scan;
    private final Supplier<Consumer<byte[], byte[]>> readers;
    // empty: every question folds from offset 0
    private volatile Optional<SnapshotFolds> snapshots = Optional.empty();
    private final TopicLayout layout;
    private final Clock clock;
    // node -> public key (base64) of the keys preseeded in the manager's configuration, which the fold trusts too
    private volatile Map<String, String> preseeded = Map.of();
    // the manager's oldest key: the fold applies only the manager's ledger events, as the live projection does
    private volatile Optional<PublicKey> managerKey = Optional.empty();

    /** Views read from the Kafka cluster at {@code bootstrapServers}. */
    public AsOfViews(String bootstrapServers, TopicLayout layout, Clock clock) {
        this(bootstrapServers, KafkaClientOverrides.none(), layout, clock);
    }

    /** Views read from the Kafka cluster at {@code bootstrapServers}, the readers with the operator's {@code overrides}. */
    public AsOfViews(String bootstrapServers, KafkaClientOverrides overrides, TopicLayout layout, Clock clock) {
        this(() -> new KafkaConsumer<>(ClientProperties.scanReader(bootstrapServers, "ecledger-asof-" + UUID.randomUUID(),
                overrides)), layout, clock);
    }

    /** Views that read the topics with consumers from {@code readers}, one per topic per fold. */
    public AsOfViews(Supplier<Consumer<byte[], byte[]>> readers, TopicLayout layout, Clock clock) {
        this.scan = new PartitionScan(readers, READ_TIMEOUT);
        this.readers = readers;
        this.layout = layout;
        this.clock = clock;
    }

    /** The fold trusts these preseeded node keys (node to public key) as the live projection does. */
    public AsOfViews preseeding(Map<String, String> keys) {
        this.preseeded = Map.copyOf(keys);
        return this;
    }

    /** The fold follows only the manager whose oldest key is {@code key}, as the live projection does. */
    public AsOfViews followingManager(PublicKey key) {
        this.managerKey = Optional.of(key);
        return this;
    }

    /**
     * Questions start from the nearest snapshot in {@code directory} at or before their point ({@link SnapshotFolds});
     * {@link #buildSnapshots} takes them.
     */
    public AsOfViews withSnapshots(java.nio.file.Path directory, SnapshotSettings settings) {
        this.snapshots = Optional.of(new SnapshotFolds(new SnapshotStore(directory, settings.keep()), settings, scan,
                readers, layout, clock, () -> preseeded, () -> managerKey));
        return this;
    }

    /** Takes every snapshot the ledger has grown enough for; returns how many. None without {@link #withSnapshots}. */
    public int buildSnapshots() {
        return snapshots.map(SnapshotFolds::build).orElse(0);
    }

    // the snapshot boundary the last answer started from (-1: offset 0): tests check which path answered
    long lastStart() {
        return snapshots.map(SnapshotFolds::lastStart).orElse(-2L);
    }

    /** A point written as {@code --at} or {@code ?asOf=} takes it, or {@link Refused}. */
    public static AsOf point(String text) {
        try {
            return AsOf.parse(text);
        } catch (IllegalArgumentException e) {
            throw new Refused("invalid-as-of", e.getMessage());
        }
    }

    /**
     * Folds the ledger up to {@code point} and answers {@code question} from that fold, dropped afterwards; refuses
     * a point past the end. Callers go through {@link Views}, which answers live reads the same way.
     */
    public <T> T read(AsOf point, Function<Snapshot, T> question) {
        Optional<SnapshotFolds> from = snapshots;
        return from.isPresent() ? from.get().read(point, question) : replay(point, question);
    }

    /**
     * Folds the three topics from offset 0 up to {@code point}, reading each to its end: the definition the snapshot
     * folds are checked against.
     */
    public <T> T replay(AsOf point, Function<Snapshot, T> question) {
        Folded folded = fold(point);
        String url = "jdbc:h2:mem:asof-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        Jdbi jdbi = Jdbi.create(url).installPlugin(new SqlObjectPlugin());
        try {
            new Migrations(jdbi, clock).migrate();
            preseeded.forEach((node, text) -> {
                java.security.PublicKey key = io.ecledger.ledger.sign.KeyFiles.parsePublic(text);
                jdbi.useExtension(NodeKeyDao.class, dao -> dao.preseed(node,
                        io.ecledger.ledger.sign.KeyFingerprint.of(key).value(), io.ecledger.ledger.sign.KeyFiles.publicBase64(key)));
            });
            jdbi.useExtension(ProjectionDao.class, dao -> dao.apply(folded.records(), List.of()));
            return question.apply(new Snapshot(jdbi, folded.now()));
        } finally {
            drop(url);
        }
    }

    // SHUTDOWN drops an in-memory database; through JDBI the closed connection would fail the handle's own close
    private static void drop(String url) {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop the as-of snapshot " + url + ": " + e.getMessage(), e);
        }
    }

    private record Folded(List<ProjectedRecord> records, Instant now) {}

    /** One record read, with the time it is ordered by. */
    private record Stamped(long timestamp, int rank, ProjectedRecord record) {}

    private Folded fold(AsOf point) {
        Instant now = clock.instant();
        List<ConsumerRecord<byte[], byte[]>> ledger = new ArrayList<>();
        // the ledger's end, not its last record's offset + 1: the commit marker of the manager's last append takes
        // the last offset, and --at that offset is the state after that append
        long end = scan.scan(new TopicPartition(layout.ledger(), 0), 0, (records, range) -> {
            ledger.addAll(records);
            return true;
        }).end();
        long cutoff;
        List<ConsumerRecord<byte[], byte[]>> ledgerUpTo;
        if (point instanceof AsOf.Offset at) {
            long offset = at.offset();
            if (offset >= end) {
                throw new Refused("beyond-ledger-end", "--at " + offset + ": the ledger ends before that offset;"
                        + " its last offset is " + (end - 1));
            }
            ledgerUpTo = ledger.stream().filter(r -> r.offset() <= offset).toList();
            cutoff = ledger.stream().filter(r -> r.offset() > offset).findFirst()
                    .map(ConsumerRecord::timestamp).orElse(now.toEpochMilli());
        } else if (point instanceof AsOf.Time at) {
            cutoff = at.time().toEpochMilli();
            ledgerUpTo = ledger.stream().filter(r -> r.timestamp() <= cutoff).toList();
        } else {
            throw new AssertionError("unmapped point " + point);
        }
        List<Stamped> stamped = new ArrayList<>();
        // in offset order from 0, so the trail of the manager's events is followed as the live projection follows it
        ManagerEvents manager = new ManagerEvents(managerKey);
        addInOrder(stamped, ledgerUpTo, 1, manager::project);
        addInOrder(stamped, scan.readAll(layout.membership()).stream()
                .filter(r -> r.timestamp() <= cutoff).toList(), 0, this::decode);
        addInOrder(stamped, scan.readAll(layout.responses()).stream()
                .filter(r -> r.timestamp() <= cutoff).toList(), 2, this::decode);
        // stable: within a topic partition, offset order stays; across topics, time order, membership first
        stamped.sort(Comparator.comparingLong(Stamped::timestamp).thenComparingInt(Stamped::rank));
        return new Folded(stamped.stream().map(Stamped::record).toList(),
                point instanceof AsOf.Time at ? at.time() : Instant.ofEpochMilli(cutoff));
    }

    // Timestamps are producers' clocks: a running maximum keeps each partition's records in offset order.
    /** How a fold decodes one record of one topic. */
    interface Decoder {
        ProjectedRecord decode(ConsumerRecord<byte[], byte[]> record) throws UndecodableRecordException;
    }

    /**
     * What a fold applies of {@code record}: nothing for a tombstone on the compacted membership topic or garbage, a
     * {@code MisnamedRecord} for a record whose names break the rule (the live projection quarantines those too).
     */
    static Optional<ProjectedRecord> foldable(ConsumerRecord<byte[], byte[]> record, Decoder decoder,
            TopicLayout layout) {
        if (record.value() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(decoder.decode(record));
        } catch (UndecodableRecordException e) {
            return ProjectedRecord.misnamed(record, layout, e);
        }
    }

    private ProjectedRecord decode(ConsumerRecord<byte[], byte[]> record) throws UndecodableRecordException {
        return ProjectedRecord.decode(record, layout);
    }

    private void addInOrder(List<Stamped> into, List<ConsumerRecord<byte[], byte[]>> records, int rank, Decoder decoder) {
        Map<Integer, Long> latest = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            Optional<ProjectedRecord> foldable = foldable(record, decoder, layout);
            if (foldable.isEmpty()) {
                continue;
            }
            ProjectedRecord decoded = foldable.get();
            long at = Math.max(record.timestamp(), latest.getOrDefault(record.partition(), Long.MIN_VALUE));
            latest.put(record.partition(), at);
            into.add(new Stamped(at, rank, decoded));
        }
    }
}
