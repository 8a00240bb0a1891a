package io.ecledger.api.projection;

import io.dropwizard.lifecycle.Managed;
import io.ecledger.ledger.codec.UndecodableRecordException;
import io.ecledger.ledger.kafka.ClientProperties;
import io.ecledger.ledger.kafka.SkippedRecord;
import io.ecledger.ledger.kafka.SkippedRecords;
import io.ecledger.ledger.kafka.TopicLayout;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Consumes ledger, responses and membership into H2, in batches, offsets in the same transaction. */
public final class Projection implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(Projection.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PROGRESS_EVERY = Duration.ofMillis(200);

    private final Jdbi jdbi;
    private final String bootstrapServers;
    private final TopicLayout layout;
    private final Clock clock;
    private final SkippedRecords skipped;
    private final Supplier<Consumer<byte[], byte[]>> consumers;
    private final TopicPartition ledgerPartition;

    // guarded by `progress`: the next offset applied per partition, and whether the thread runs
    private final Object progress = new Object();
    private final Map<TopicPartition, Long> applied = new HashMap<>();
    // records projected per topic since the thread last started (tombstones and undecodable ones not counted)
    private final Map<String, Long> appliedRecords = new HashMap<>();
    private volatile long ledgerEnd = -1;
    private volatile Instant lastBatchAt;
    private volatile Throwable failure;

    private final Object lifecycle = new Object();
    private volatile Admin admin;
    private List<TopicPartition> partitions = List.of();
    private Thread thread;
    private volatile boolean running;
    private volatile Consumer<byte[], byte[]> consumer;

    public Projection(Jdbi jdbi, String bootstrapServers, TopicLayout layout, Clock clock, SkippedRecords skipped) {
        this.jdbi = jdbi;
        this.bootstrapServers = bootstrapServers;
        this.layout = layout;
        this.clock = clock;
        this.skipped = skipped;
        this.consumers = () -> new KafkaConsumer<>(ClientProperties.reader(bootstrapServers, "ecledger-projection"));
        this.ledgerPartition = new TopicPartition(layout.ledger(), 0);
    }

    /** Migrates the schema if needed and starts the consuming thread. */
    @Override
    public void start() {
        synchronized (lifecycle) {
            if (thread != null) {
                throw new IllegalStateException("the projection is already running");
            }
            new Migrations(jdbi, clock).migrate();
            if (admin == null) {
                admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
            }
            partitions = discoverPartitions();
            startThread();
        }
    }

    /** Stops the consuming thread; what it applied stays applied. */
    @Override
    public void stop() {
        synchronized (lifecycle) {
            stopThread();
            if (admin != null) {
                admin.close(Duration.ofSeconds(5));
                admin = null;
            }
        }
    }

    /** True once the ledger record at {@code offset} has been applied (read-your-writes after an append). */
    public boolean awaitLedger(long offset, Duration timeout) {
        return awaitApplied(Map.of(ledgerPartition, offset + 1), timeout);
    }

    /** True once all responses that existed when called are applied. */
    public boolean awaitResponses(Duration timeout) {
        return awaitTopics(Set.of(layout.responses()), timeout);
    }

    /** True once every record of all three topics that existed when called is applied. */
    public boolean awaitCaughtUp(Duration timeout) {
        return awaitTopics(Set.of(layout.ledger(), layout.responses(), layout.membership()), timeout);
    }

    /** The next ledger offset to apply: how many ledger records have been applied, skipped ones included. */
    public long appliedLedgerOffset() {
        synchronized (progress) {
            return applied.getOrDefault(ledgerPartition, 0L);
        }
    }

    /** The ledger's end offset minus {@link #appliedLedgerOffset()}, or -1 while the end is unknown. */
    public long ledgerLag() {
        long end = ledgerEnd;
        return end < 0 ? -1 : Math.max(0, end - appliedLedgerOffset());
    }

    /** When the consuming thread last applied a batch, if it has. */
    public Optional<Instant> lastBatchAt() {
        return Optional.ofNullable(lastBatchAt);
    }

    /** Why the consuming thread stopped on its own, if it did: the projection no longer advances. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /** Sees a rebuild advance: ledger records applied so far out of the ledger records to rebuild. */
    @FunctionalInterface
    public interface RebuildListener {
        void progress(long ledgerApplied, long ledgerTotal);
    }

    /** Drops all view rows and offsets and consumes again from 0; returns when caught up to the end seen at call time. */
    public Rebuilt rebuild() {
        return rebuild((applied, total) -> { });
    }

    /** As {@link #rebuild()}, telling {@code listener} how far it got about five times a second. */
    public Rebuilt rebuild(RebuildListener listener) {
        synchronized (lifecycle) {
            if (thread == null) {
                throw new IllegalStateException("start the projection before rebuilding it");
            }
            Map<TopicPartition, Long> ends = endOffsets(partitions);
            long ledgerTotal = ends.getOrDefault(ledgerPartition, 0L);
            stopThread();
            long started = System.nanoTime();
            jdbi.useExtension(ProjectionDao.class, ProjectionDao::clear);
            LOG.info("projection dropped, rebuilding from offset 0 up to ledger offset {}", ledgerTotal);
            startThread();
            listener.progress(0, ledgerTotal);
            while (!awaitApplied(ends, PROGRESS_EVERY)) {
                if (failure != null) {
                    throw new IllegalStateException("the projection stopped while rebuilding", failure);
                }
                listener.progress(Math.min(appliedLedgerOffset(), ledgerTotal), ledgerTotal);
            }
            listener.progress(ledgerTotal, ledgerTotal);
            Rebuilt rebuilt = new Rebuilt(recordsApplied(layout.ledger()), recordsApplied(layout.responses()),
                    recordsApplied(layout.membership()), Duration.ofNanos(System.nanoTime() - started));
            LOG.info("projection rebuilt up to ledger offset {}: {}", appliedLedgerOffset(), rebuilt.text());
            return rebuilt;
        }
    }

    private long recordsApplied(String topic) {
        synchronized (progress) {
            return appliedRecords.getOrDefault(topic, 0L);
        }
    }

    private boolean awaitTopics(Set<String> topics, Duration timeout) {
        List<TopicPartition> wanted = partitions.stream().filter(tp -> topics.contains(tp.topic())).toList();
        return awaitApplied(endOffsets(wanted), timeout);
    }

    private boolean awaitApplied(Map<TopicPartition, Long> targets, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (!reached(targets)) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || failure != null) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(progress, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    private boolean reached(Map<TopicPartition, Long> targets) {
        for (Map.Entry<TopicPartition, Long> target : targets.entrySet()) {
            if (applied.getOrDefault(target.getKey(), 0L) < target.getValue()) {
                return false;
            }
        }
        return true;
    }

    private List<TopicPartition> discoverPartitions() {
        List<String> topics = List.of(layout.ledger(), layout.responses(), layout.membership());
        try {
            // Topics.ensure() has waited until this broker serves the topics it created
            Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames()
                    .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            List<TopicPartition> found = new ArrayList<>();
            for (String topic : topics) {
                described.get(topic).partitions().forEach(p -> found.add(new TopicPartition(topic, p.partition())));
            }
            return List.copyOf(found);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot find the topics " + topics + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while finding the topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not describe the topics " + topics + " within " + ADMIN_TIMEOUT, e);
        }
    }

    /** The last committed offsets (what a read_committed consumer can reach) of some partitions. */
    private Map<TopicPartition, Long> endOffsets(List<TopicPartition> wanted) {
        Admin client = admin;
        if (client == null) {
            throw new IllegalStateException("the projection is not running");
        }
        Map<TopicPartition, OffsetSpec> specs = wanted.stream()
                .collect(Collectors.toMap(Function.identity(), tp -> OffsetSpec.latest()));
        try {
            return client.listOffsets(specs, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                    .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the end offsets: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the end offsets", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not list the end offsets within " + ADMIN_TIMEOUT, e);
        }
    }

    private void startThread() {
        Map<TopicPartition, Long> stored = new HashMap<>();
        for (ConsumedOffset offset : jdbi.withExtension(ProjectionDao.class, ProjectionDao::offsets)) {
            stored.put(offset.partition(), offset.nextOffset());
        }
        synchronized (progress) {
            applied.clear();
            applied.putAll(stored);
            appliedRecords.clear();
        }
        failure = null;
        ledgerEnd = -1;
        running = true;
        thread = new Thread(() -> consume(stored), "ecledger-projection");
        thread.setDaemon(true);
        thread.start();
        LOG.info("projection started at ledger offset {}", stored.getOrDefault(ledgerPartition, 0L));
    }

    private void stopThread() {
        if (thread == null) {
            return;
        }
        running = false;
        Consumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread = null;
        LOG.info("projection stopped at ledger offset {}", appliedLedgerOffset());
    }

    private void consume(Map<TopicPartition, Long> stored) {
        try (Consumer<byte[], byte[]> client = consumers.get()) {
            consumer = client;
            client.assign(partitions);
            for (TopicPartition tp : partitions) {
                Long next = stored.get(tp);
                if (next == null) {
                    client.seekToBeginning(List.of(tp));
                } else {
                    client.seek(tp, next);
                }
            }
            while (running) {
                ConsumerRecords<byte[], byte[]> records = client.poll(POLL);
                applyBatch(client, records);
            }
        } catch (WakeupException e) {
            if (running) {
                fail(e);
            }
        } catch (RuntimeException | Error e) {
            fail(e);
        } finally {
            consumer = null;
        }
    }

    private void fail(Throwable e) {
        LOG.error("projection stopped at ledger offset {}: {}", appliedLedgerOffset(), e.toString(), e);
        synchronized (progress) {
            failure = e;
            progress.notifyAll();
        }
    }

    private void applyBatch(Consumer<byte[], byte[]> client, ConsumerRecords<byte[], byte[]> records) {
        List<ProjectedRecord> batch = new ArrayList<>(records.count());
        List<SkippedRecord> undecodable = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            if (record.value() == null) {
                // a tombstone on the compacted membership topic: nothing to project, not garbage
                continue;
            }
            try {
                batch.add(ProjectedRecord.decode(record, layout));
            } catch (UndecodableRecordException e) {
                undecodable.add(new SkippedRecord(record.topic(), record.partition(), record.offset(), e.getMessage()));
            }
        }
        // positions, not record offsets: they also step over transaction markers and compacted gaps
        Map<TopicPartition, Long> positions = new HashMap<>();
        for (TopicPartition tp : partitions) {
            positions.put(tp, client.position(tp));
        }
        Map<TopicPartition, Long> before;
        synchronized (progress) {
            before = new HashMap<>(applied);
        }
        List<ConsumedOffset> moved = new ArrayList<>();
        positions.forEach((tp, next) -> {
            if (!next.equals(before.get(tp))) {
                moved.add(new ConsumedOffset(tp.topic(), tp.partition(), next));
            }
        });
        if (!batch.isEmpty() || !moved.isEmpty()) {
            jdbi.useExtension(ProjectionDao.class, dao -> dao.apply(batch, moved));
            lastBatchAt = clock.instant();
            undecodable.forEach(skipped::report);
            if (!batch.isEmpty()) {
                LOG.debug("applied {} record(s), ledger next offset {}", batch.size(), positions.get(ledgerPartition));
            }
        }
        synchronized (progress) {
            applied.putAll(positions);
            for (ProjectedRecord record : batch) {
                appliedRecords.merge(topicOf(record), 1L, Long::sum);
            }
            progress.notifyAll();
        }
        OptionalLong lag = client.currentLag(ledgerPartition);
        if (lag.isPresent()) {
            ledgerEnd = positions.get(ledgerPartition) + lag.getAsLong();
        }
    }

    private String topicOf(ProjectedRecord record) {
        if (record instanceof ProjectedRecord.LedgerRecord) {
            return layout.ledger();
        } else if (record instanceof ProjectedRecord.ResponseRecord) {
            return layout.responses();
        } else if (record instanceof ProjectedRecord.MembershipRecord) {
            return layout.membership();
        }
        throw new AssertionError("unmapped record " + record);
    }

}
