package io.ecledger.api.projection;

import io.dropwizard.lifecycle.Managed;
import io.ecledger.ledger.kafka.ClientProperties;
import io.ecledger.ledger.kafka.ConsumerLoop;
import io.ecledger.ledger.kafka.KafkaClientOverrides;
import io.ecledger.ledger.kafka.SkippedRecords;
import io.ecledger.ledger.kafka.TopicLayout;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes ledger, responses and membership into H2, in batches, offsets in the same transaction: a
 * {@link ConsumerLoop} whose batches a {@link BatchApplier} writes and whose progress {@link ProjectionProgress} keeps.
 * Given the manager's key, it applies only the manager's ledger events ({@link ManagerEvents}) and quarantines the rest.
 */
public final class Projection implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(Projection.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration PROGRESS_EVERY = Duration.ofMillis(200);
    // a stalled projection (disk full) tries its batch again this often: a retry costs one failed transaction
    private static final Duration STALL_RETRY = Duration.ofSeconds(1);
    // long enough for a busy projection, short enough that a stuck one does not hang a console's read
    private static final Duration READ_YOUR_WRITES = Duration.ofSeconds(5);
    // 5,000 ledger events are about 1.3 MB of records and 20,000 rows in one transaction
    private static final int REBUILD_POLL_RECORDS = 5_000;
    // how often the projection asks the broker where the ledger ends, for its lag
    private static final Duration END_ASKED_EVERY = Duration.ofSeconds(1);
    // how long one poll's handling waits for a partition's position the broker has not confirmed yet
    private static final Duration POSITION_WAIT = Duration.ofMillis(100);
    private static final int REBUILD_FETCH_BYTES = 4 * 1024 * 1024;

    private final Jdbi jdbi;
    private final TopicLayout layout;
    private final Clock clock;
    private final Supplier<TopicOffsets> admins;
    private final TopicPartition ledgerPartition;
    private final ManagerEvents manager;
    private final BatchApplier applier;
    private final ProjectionProgress progress;
    private final ConsumerLoop loop;

    private final Object lifecycle = new Object();
    // a rebuild's consumer polls more at once (see reader); read by the consuming thread when it makes its consumer
    private volatile boolean rebuilding;
    private volatile TopicOffsets offsets;
    // the newest ledger offset this manager appended and told us of; -1 before the first
    private final AtomicLong appended = new AtomicLong(-1);
    private final List<AnswersApplied> answerListeners = new CopyOnWriteArrayList<>();
    private volatile List<TopicPartition> partitions = List.of();
    // guarded by lifecycle: between start() and stop(), even after the loop failed
    private boolean started;

    /** A projection reading the brokers at {@code bootstrapServers}. */
    public Projection(Jdbi jdbi, String bootstrapServers, TopicLayout layout, Clock clock, SkippedRecords skipped) {
        this(jdbi, bootstrapServers, KafkaClientOverrides.none(), layout, clock, skipped);
    }

    /** A projection reading the brokers at {@code bootstrapServers}, its clients with the operator's {@code overrides}. */
    public Projection(Jdbi jdbi, String bootstrapServers, KafkaClientOverrides overrides, TopicLayout layout, Clock clock,
            SkippedRecords skipped) {
        this(jdbi, bootstrapServers, overrides, layout, clock, skipped, Optional.empty());
    }

    /**
     * As above, applying only the manager's ledger events when given {@code managerKey}, the manager's oldest key
     * (the ring follows its rotations from there): the rest are quarantined. Without one, every decodable event.
     */
    public Projection(Jdbi jdbi, String bootstrapServers, KafkaClientOverrides overrides, TopicLayout layout, Clock clock,
            SkippedRecords skipped, Optional<PublicKey> managerKey) {
        this(jdbi, layout, clock, skipped, rebuilding -> new KafkaConsumer<>(reader(bootstrapServers, overrides, rebuilding)),
                () -> AdminTopicOffsets.connect(bootstrapServers, overrides), managerKey);
    }

    /** A projection taking a consumer from {@code consumers} at each start and an Admin from {@code admins}. */
    public Projection(Jdbi jdbi, TopicLayout layout, Clock clock, SkippedRecords skipped,
            Supplier<Consumer<byte[], byte[]>> consumers, Supplier<TopicOffsets> admins) {
        this(jdbi, layout, clock, skipped, consumers, admins, Optional.empty());
    }

    /** As above, following only the manager whose oldest key is {@code managerKey}, when given. */
    public Projection(Jdbi jdbi, TopicLayout layout, Clock clock, SkippedRecords skipped,
            Supplier<Consumer<byte[], byte[]>> consumers, Supplier<TopicOffsets> admins, Optional<PublicKey> managerKey) {
        this(jdbi, layout, clock, skipped, rebuilding -> consumers.get(), admins, managerKey);
    }

    private Projection(Jdbi jdbi, TopicLayout layout, Clock clock, SkippedRecords skipped, Consumers consumers,
            Supplier<TopicOffsets> admins, Optional<PublicKey> managerKey) {
        this.jdbi = jdbi;
        this.layout = layout;
        this.clock = clock;
        this.admins = admins;
        this.ledgerPartition = new TopicPartition(layout.ledger(), 0);
        this.manager = new ManagerEvents(managerKey);
        this.applier = new BatchApplier(jdbi, layout, skipped, manager);
        this.progress = new ProjectionProgress(ledgerPartition);
        this.loop = new ConsumerLoop("ecledger-projection", () -> consumers.open(rebuilding), POLL, new Consuming());
    }

    /** Makes the consuming thread's consumer, for a rebuild or not. */
    @FunctionalInterface
    private interface Consumers {
        Consumer<byte[], byte[]> open(boolean rebuilding);
    }

    // a batch is a poll and a transaction, and H2's commit of a 500-record poll cost about what inserting its rows did:
    // a rebuild (from offset 0, so far behind) takes bigger polls. Its consumer keeps them until the next start; caught
    // up, a poll returns what came in whatever its bound
    private static Properties reader(String bootstrapServers, KafkaClientOverrides overrides, boolean rebuilding) {
        Properties props = ClientProperties.reader(bootstrapServers, "ecledger-projection");
        if (rebuilding) {
            props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, REBUILD_POLL_RECORDS);
            props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, REBUILD_FETCH_BYTES);
        }
        return overrides.applyTo(props);
    }

    /** Migrates the schema if needed and starts the consuming thread. */
    @Override
    public void start() {
        synchronized (lifecycle) {
            if (started) {
                throw new IllegalStateException("the projection is already running");
            }
            new Migrations(jdbi, clock).migrate();
            if (offsets == null) {
                offsets = admins.get();
            }
            partitions = offsets.partitions(List.of(layout.ledger(), layout.responses(), layout.membership()));
            rebuilding = false;
            startLoop();
        }
    }

    /** Stops the consuming thread; what it applied stays applied. */
    @Override
    public void stop() {
        synchronized (lifecycle) {
            stopLoop();
            if (offsets != null) {
                offsets.close();
                offsets = null;
            }
        }
    }

    /** Hears of the commands each batch, once written, brought answers to; for following commands without polling. */
    public interface AnswersApplied {
        /** Answers to {@code commandIds} are in the views now. Runs on the projection's thread: hand work off. */
        void applied(Set<UUID> commandIds);
    }

    /** Tells {@code listener} of every batch from now on that brings answers. */
    public void onAnswers(AnswersApplied listener) {
        answerListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    private static void tell(AnswersApplied listener, Set<UUID> commandIds) {
        try {
            listener.applied(commandIds);
        } catch (RuntimeException e) {
            // a follower's trouble must never stop the views
            LOG.warn("a listener to applied answers failed: {}", e.toString());
        }
    }

    /** True once the ledger record at {@code offset} has been applied (read-your-writes after an append). */
    public boolean awaitLedger(long offset, Duration timeout) {
        return progress.awaitApplied(Map.of(ledgerPartition, offset + 1), timeout);
    }

    /** Notes that this manager appended the ledger event at {@code offset}: {@link #ownWrites()} waits for it. */
    public void appended(long offset) {
        appended.accumulateAndGet(offset, Math::max);
    }

    /** A wait for every ledger event {@link #appended} so far, at most five seconds: what live reads call first. */
    public OwnWrites ownWrites() {
        return () -> {
            long newest = appended.get();
            if (newest >= 0 && !awaitLedger(newest, READ_YOUR_WRITES)) {
                LOG.debug("projection has not applied ledger offset {} after {}: reading what it has", newest,
                        READ_YOUR_WRITES);
            }
        };
    }

    /** True once all responses that existed when called are applied. */
    public boolean awaitResponses(Duration timeout) {
        return awaitTopics(Set.of(layout.responses()), timeout);
    }

    /** True once every ledger record that existed when called is applied. */
    public boolean awaitLedgerCaughtUp(Duration timeout) {
        return awaitTopics(Set.of(layout.ledger()), timeout);
    }

    /** True once every record of all three topics that existed when called is applied. */
    public boolean awaitCaughtUp(Duration timeout) {
        return awaitTopics(Set.of(layout.ledger(), layout.responses(), layout.membership()), timeout);
    }

    /** The next ledger offset to apply: how many ledger records have been applied, skipped ones included. */
    public long appliedLedgerOffset() {
        return progress.appliedLedgerOffset();
    }

    /** The ledger's end offset minus {@link #appliedLedgerOffset()}, or -1 while the end is unknown. */
    public long ledgerLag() {
        return progress.ledgerLag();
    }

    /** When the consuming thread last applied a batch, if it has. */
    public Optional<Instant> lastBatchAt() {
        return progress.lastBatchAt();
    }

    /** Why the projection cannot write to H2 at the moment, and since when, if it cannot: it retries until it can. */
    public Optional<String> stalled() {
        return progress.stalled().map(stall -> stall.reason() + " (since " + stall.since() + ")");
    }

    /** Why the consuming thread stopped on its own, if it did: the projection no longer advances. */
    public Optional<Throwable> failure() {
        return progress.failure();
    }

    /** Sees a rebuild advance: ledger records applied so far out of the ledger records to rebuild. */
    @FunctionalInterface
    public interface RebuildListener {
        void progress(long ledgerApplied, long ledgerTotal);
    }

    /**
     * Drops all view rows and offsets and consumes again from 0; returns when caught up to the end seen at call time.
     * The views are emptied table by table; a projection stopped half way empties them again when it next starts.
     */
    public Rebuilt rebuild() {
        return rebuild((applied, total) -> { });
    }

    /** As {@link #rebuild()}, telling {@code listener} how far it got about five times a second. */
    public Rebuilt rebuild(RebuildListener listener) {
        synchronized (lifecycle) {
            if (!started) {
                throw new IllegalStateException("start the projection before rebuilding it");
            }
            Map<TopicPartition, Long> ends = endOffsets(partitions);
            long ledgerTotal = ends.getOrDefault(ledgerPartition, 0L);
            stopLoop();
            long began = System.nanoTime();
            jdbi.useExtension(ProjectionDao.class, ProjectionDao::clear);
            LOG.info("projection dropped, rebuilding from offset 0 up to ledger offset {}", ledgerTotal);
            rebuilding = true;
            startLoop();
            listener.progress(0, ledgerTotal);
            while (!progress.awaitApplied(ends, PROGRESS_EVERY)) {
                Optional<Throwable> failed = progress.failure();
                if (failed.isPresent()) {
                    throw new IllegalStateException("the projection stopped while rebuilding", failed.get());
                }
                listener.progress(Math.min(appliedLedgerOffset(), ledgerTotal), ledgerTotal);
            }
            listener.progress(ledgerTotal, ledgerTotal);
            Rebuilt rebuilt = new Rebuilt(progress.recordsApplied(layout.ledger()),
                    progress.recordsApplied(layout.responses()), progress.recordsApplied(layout.membership()),
                    Duration.ofNanos(System.nanoTime() - began));
            LOG.info("projection rebuilt up to ledger offset {}: {}", appliedLedgerOffset(), rebuilt.text());
            return rebuilt;
        }
    }

    private boolean awaitTopics(Set<String> topics, Duration timeout) {
        List<TopicPartition> wanted = partitions.stream().filter(tp -> topics.contains(tp.topic())).toList();
        return progress.awaitApplied(endOffsets(wanted), timeout);
    }

    private Map<TopicPartition, Long> endOffsets(List<TopicPartition> wanted) {
        TopicOffsets client = offsets;
        if (client == null) {
            throw new IllegalStateException("the projection is not running");
        }
        return client.endOffsets(wanted);
    }

    // guarded by lifecycle
    private void startLoop() {
        if (jdbi.withExtension(ProjectionDao.class, ProjectionDao::rebuildPending)) {
            // stopped while a rebuild emptied the views: its offsets and trail are gone already, the views may be half
            jdbi.useExtension(ProjectionDao.class, ProjectionDao::finishClear);
            rebuilding = true;
            LOG.info("projection was stopped while a rebuild emptied it: emptied it again, rebuilding from offset 0");
        }
        Optional<TrailRow> trail = jdbi.withExtension(ProjectionDao.class, ProjectionDao::trail);
        if (manager.checking() && trail.isEmpty() && jdbi.withExtension(ProjectionDao.class, ProjectionDao::offsets).stream()
                .anyMatch(offset -> offset.partition().equals(ledgerPartition) && offset.nextOffset() > 0)) {
            // views from before ledger events were checked may hold forgeries, and nothing says where the manager's
            // chain stands: they are made again from offset 0, once
            jdbi.useExtension(ProjectionDao.class, ProjectionDao::clear);
            rebuilding = true;
            LOG.info("projection predates the check of the manager's ledger events: rebuilding it from offset 0");
        }
        Map<TopicPartition, Long> stored = new HashMap<>();
        for (ConsumedOffset offset : jdbi.withExtension(ProjectionDao.class, ProjectionDao::offsets)) {
            stored.put(offset.partition(), offset.nextOffset());
        }
        progress.restart(stored);
        // the loop is stopped: the consuming thread picks this up when it starts
        manager.restart(trail);
        loop.start();
        started = true;
        LOG.info("projection started at ledger offset {}", stored.getOrDefault(ledgerPartition, 0L));
    }

    // guarded by lifecycle
    private void stopLoop() {
        if (!started) {
            return;
        }
        loop.stop();
        started = false;
        LOG.info("projection stopped at ledger offset {}", appliedLedgerOffset());
    }

    /** The loop's side: resume each partition where the stored offsets say, apply each poll, keep the lag. */
    private final class Consuming implements ConsumerLoop.Body {

        // when the ledger's end is next asked of the broker (System.nanoTime)
        private long nextEndAsked = System.nanoTime();

        // on the consuming thread only: after a store trouble, the next poll first reads back where the views stand
        private boolean rewind;

        @Override
        public void open(Consumer<byte[], byte[]> consumer) {
            Map<TopicPartition, Long> stored = progress.applied();
            rewind = false;
            applier.open();
            consumer.assign(partitions);
            seekTo(stored, consumer);
        }

        @Override
        public void handle(ConsumerRecords<byte[], byte[]> records, Consumer<byte[], byte[]> consumer) {
            Map<TopicPartition, Long> positions = new HashMap<>();
            for (TopicPartition tp : partitions) {
                try {
                    positions.put(tp, consumer.position(tp, POSITION_WAIT));
                } catch (org.apache.kafka.common.errors.TimeoutException e) {
                    // its reset or leader-epoch check is still in flight, so it brought no records: its offset stays
                    // as stored until a later poll. Unbounded, position() would hold every partition for up to
                    // default.api.timeout.ms (60 s) and then end the projection
                    LOG.debug("no position yet for {}: {}", tp, e.toString());
                }
            }
            BatchApplier.Applied applied;
            try {
                if (rewind) {
                    // H2 reopens its file at the last chunk it stored, which may be before the commits we saw: the
                    // views go on from the offsets stored with them, not from where this thread last got to
                    rewindToStored(consumer);
                    return;
                }
                applied = applier.apply(records, positions, progress.applied());
            } catch (JdbiException e) {
                Optional<StoreTrouble> trouble = StoreTrouble.of(e);
                if (trouble.isEmpty()) {
                    throw e;
                }
                retryLater(trouble.get(), e, consumer);
                return;
            }
            if (applied.written()) {
                progress.unstall().ifPresent(stall -> LOG.warn("projection writes to H2 again at ledger offset {}, "
                        + "stalled since {} ({})", positions.get(ledgerPartition), stall.since(), stall.reason()));
                progress.batchWrittenAt(clock.instant());
                if (applied.count() > 0) {
                    LOG.debug("applied {} record(s), ledger next offset {}", applied.count(), positions.get(ledgerPartition));
                }
            }
            // the end first: whoever advance() wakes reads a lag that knows it
            OptionalLong lag = consumer.currentLag(ledgerPartition);
            Long ledgerAt = positions.get(ledgerPartition);
            long end = Math.max(lag.isPresent() && ledgerAt != null ? ledgerAt + lag.getAsLong() : -1,
                    askedLedgerEnd(consumer));
            if (end >= 0) {
                progress.ledgerEnd(end);
            }
            progress.advance(positions, applied.projected());
            if (!applied.answered().isEmpty()) {
                answerListeners.forEach(listener -> tell(listener, applied.answered()));
            }
        }

        /**
         * The ledger's end as the broker says it now, asked at most once a second; -1 when not asked or unanswered. The
         * consumer's own lag comes from its last fetch of the ledger, which can be minutes old while the other
         * partitions' fetched records keep it busy: the soak saw a lag of 0 while the views were 25,000 events behind.
         */
        private long askedLedgerEnd(Consumer<byte[], byte[]> consumer) {
            if (System.nanoTime() - nextEndAsked < 0) {
                return -1;
            }
            nextEndAsked = System.nanoTime() + END_ASKED_EVERY.toNanos();
            try {
                Long end = consumer.endOffsets(List.of(ledgerPartition), END_ASKED_EVERY).get(ledgerPartition);
                return end == null ? -1 : end;
            } catch (KafkaException e) {
                LOG.debug("the ledger's end offset is not known this time: {}", e.toString());
                return -1;
            }
        }

        // the database could be read again: offsets and the manager's chain state as it holds them, polled again
        private void rewindToStored(Consumer<byte[], byte[]> consumer) {
            Map<TopicPartition, Long> stored = new HashMap<>();
            for (ConsumedOffset offset : jdbi.withExtension(ProjectionDao.class, ProjectionDao::offsets)) {
                stored.put(offset.partition(), offset.nextOffset());
            }
            Optional<TrailRow> trail = jdbi.withExtension(ProjectionDao.class, ProjectionDao::trail);
            long before = appliedLedgerOffset();
            progress.rewind(stored);
            manager.restart(trail);
            seekTo(stored, consumer);
            rewind = false;
            long now = stored.getOrDefault(ledgerPartition, 0L);
            if (now < before) {
                LOG.warn("H2 came back at ledger offset {}, behind the {} the projection had written: it applies them "
                        + "again", now, before);
            }
        }

        private void seekTo(Map<TopicPartition, Long> stored, Consumer<byte[], byte[]> consumer) {
            for (TopicPartition tp : partitions) {
                Long next = stored.get(tp);
                if (next == null) {
                    consumer.seekToBeginning(List.of(tp));
                } else {
                    consumer.seek(tp, next);
                }
            }
        }

        // the batch is in the consumer's past: back to where the views stand, to poll it again after a pause. One
        // line when the projection stalls, none per retry: the health check says it meanwhile
        private void retryLater(StoreTrouble trouble, JdbiException e, Consumer<byte[], byte[]> consumer) {
            if (progress.stall(trouble.reason(), clock.instant())) {
                LOG.error("projection cannot write to H2 at ledger offset {}: {}; the views stay as they are and "
                        + "catch up once it can, retrying every {}", appliedLedgerOffset(), trouble.reason(),
                        STALL_RETRY, e);
            }
            applier.release();
            rewind = true;
            try {
                TimeUnit.NANOSECONDS.sleep(STALL_RETRY.toNanos());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close(Optional<Throwable> failure) {
            failure.ifPresent(e -> {
                LOG.error("projection stopped at ledger offset {}: {}", appliedLedgerOffset(), e.toString(), e);
                progress.fail(e);
            });
            applier.close();
        }
    }
}
