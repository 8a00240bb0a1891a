package io.ecledger.ledger.kafka;

import io.ecledger.ledger.chain.ChainVerdict;
import io.ecledger.ledger.chain.ChainVerifier;
import io.ecledger.ledger.sign.ManagerKeys;
import io.ecledger.ledger.chain.Checkpoint;
import io.ecledger.ledger.codec.EventCodec;
import io.ecledger.ledger.codec.HashedEvent;
import io.ecledger.ledger.codec.LedgerHashing;
import io.ecledger.ledger.codec.UndecodableRecordException;
import io.ecledger.ledger.command.Origin;
import io.ecledger.ledger.event.CommandIssued;
import io.ecledger.ledger.event.Hash;
import io.ecledger.ledger.event.LedgerEvent;
import io.ecledger.ledger.event.Payload;
import io.ecledger.ledger.event.Seal;
import io.ecledger.ledger.sign.ManagerKey;
import io.ecledger.ledger.sign.Signer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger: appends operator actions to the single-partition ledger topic, each chained by
 * SHA-256 to its predecessor and signed by the manager key, and reads, replays and verifies them
 * in order.
 *
 * <p>One {@code Ledger} is the only writer of its topic: two writers would fork the chain. The manager's
 * ({@link #openManager}) is transactional with {@link TopicLayout#managerTransactionalId()}: a second manager opening
 * the same prefix fences it, and from then on it refuses every append with {@link LedgerFencedException}.
 */
public final class Ledger implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Ledger.class);

    /** The largest encoded event accepted; well under Kafka's default 1 MiB request limit. */
    public static final int MAX_EVENT_BYTES = 512 * 1024;

    // the most appends one group commit takes. A commit at replication 3 on a loaded machine took seconds in the soak,
    // so the manager sustains at most this many appends per commit latency; a thousand ~500-byte events are still
    // only a few produce requests (ops/bench/README.md, soak)
    private static final int MAX_BATCH = 1_024;

    private static final Duration POLL = Duration.ofMillis(200);

    // how many offsets the tail read looks at per step back, looking for the manager's own last event
    private static final int TAIL_WINDOW = 256;

    private final Producer<byte[], byte[]> producer;
    private final Supplier<Consumer<byte[], byte[]>> readers;
    private final TopicPartition partition;
    private final Clock clock;
    private final SkippedRecords skipped;
    private final Duration readTimeout;
    private final PartitionScan scan;
    // empty only for ledgers that read, and tests that append unsigned records on purpose
    private final Optional<Signer> signer;
    // the manager's own key: present exactly when the ledger is transactional; the tail is the last event it verifies
    // the manager's ledger: one committed transaction per append, so a second manager fences it
    private final boolean transactional;
    private final String transactionalId;
    // guarded by this
    private boolean transactionsReady;
    // a commit that timed out: Kafka finishes it on the next commitTransaction(), an abort is not allowed (guarded by this)
    private boolean commitPending;
    // the hash of the last event of the commit that timed out: the tail once that commit is finished
    private Hash pendingTail;
    // set once, for good, when another manager took the transactional id over
    private volatile LedgerFencedException fenced;

    // the hash of the last event appended; null until read from the topic (guarded by this)
    private Hash tail;
    // set from the producer's thread when a send fails: the outcome is unknown, so the next
    // append reads the true tail first. Not a lock: send() may block on buffer space that only
    // that thread frees.
    private final AtomicBoolean tailUnknown = new AtomicBoolean();
    // transactional appends waiting to be committed; one caller at a time commits them all (appendCommitted)
    private final Queue<Queued> queued = new ConcurrentLinkedQueue<>();
    // whether some caller is committing the queue now; the others wait for their appends or the end of its round
    private final AtomicBoolean committing = new AtomicBoolean();
    // completed when a committing caller finishes a round, so that a waiting one whose append it left takes over
    private final AtomicReference<CompletableFuture<Void>> round = new AtomicReference<>(new CompletableFuture<>());

    /** A ledger over {@code producer} and readers made by {@code readers}, each closed after one read; appends unsigned. */
    public Ledger(Producer<byte[], byte[]> producer, Supplier<Consumer<byte[], byte[]>> readers, TopicLayout layout,
            Clock clock, SkippedRecords skipped, Duration readTimeout) {
        this(producer, readers, layout, clock, skipped, readTimeout, Optional.empty(), false);
    }

    /** A ledger whose appends {@code signer} seals. */
    public Ledger(Producer<byte[], byte[]> producer, Supplier<Consumer<byte[], byte[]>> readers, TopicLayout layout,
            Clock clock, SkippedRecords skipped, Duration readTimeout, Signer signer) {
        this(producer, readers, layout, clock, skipped, readTimeout, Optional.of(signer), false);
    }

    /**
     * The manager's ledger over a transactional {@code producer}: each append is one committed transaction, sealed by
     * {@code signer}, chained to the last event {@code signer} sealed. {@link #takeOver()} (or the first append) calls
     * {@code initTransactions()}.
     */
    public static Ledger transactional(Producer<byte[], byte[]> producer, Supplier<Consumer<byte[], byte[]>> readers,
            TopicLayout layout, Clock clock, SkippedRecords skipped, Duration readTimeout, Signer signer) {
        return new Ledger(producer, readers, layout, clock, skipped, readTimeout, Optional.of(signer), true);
    }

    private Ledger(Producer<byte[], byte[]> producer, Supplier<Consumer<byte[], byte[]>> readers, TopicLayout layout,
            Clock clock, SkippedRecords skipped, Duration readTimeout, Optional<Signer> signer, boolean transactional) {
        this.signer = signer;
        this.transactional = transactional;
        this.transactionalId = layout.managerTransactionalId();
        this.producer = producer;
        this.readers = readers;
        this.partition = new TopicPartition(layout.ledger(), 0);
        this.clock = clock;
        this.skipped = skipped;
        this.readTimeout = readTimeout;
        this.scan = new PartitionScan(readers, readTimeout);
    }

    /**
     * A ledger on the Kafka cluster at {@code bootstrapServers} whose appends {@code signer} seals, without the
     * manager's transactional id, so it fences no manager: tests and tools that append as the manager would. The
     * manager itself uses {@link #openManager}.
     */
    public static Ledger open(String bootstrapServers, TopicLayout layout, SkippedRecords skipped, Signer signer) {
        return open(bootstrapServers, KafkaClientOverrides.none(), layout, skipped, Optional.of(signer));
    }

    /**
     * A ledger that appends unsigned events: for tools that only read ({@code audit verify},
     * history) and tests. Agents pinned to the manager key refuse what it appends.
     */
    public static Ledger open(String bootstrapServers, TopicLayout layout, SkippedRecords skipped) {
        return open(bootstrapServers, KafkaClientOverrides.none(), layout, skipped, Optional.empty());
    }

    /** As {@link #open(String, TopicLayout, SkippedRecords)}, its clients with the operator's {@code overrides}. */
    public static Ledger open(String bootstrapServers, KafkaClientOverrides overrides, TopicLayout layout,
            SkippedRecords skipped) {
        return open(bootstrapServers, overrides, layout, skipped, Optional.empty());
    }

    /** As {@link #open(String, TopicLayout, SkippedRecords, Signer)}, its clients with the operator's {@code overrides}. */
    public static Ledger open(String bootstrapServers, KafkaClientOverrides overrides, TopicLayout layout,
            SkippedRecords skipped, Signer signer) {
        return open(bootstrapServers, overrides, layout, skipped, Optional.of(signer));
    }

    private static Ledger open(String bootstrapServers, KafkaClientOverrides overrides, TopicLayout layout,
            SkippedRecords skipped, Optional<Signer> signer) {
        String clientId = "ecledger-ledger-" + layout.prefix();
        return new Ledger(
                new KafkaProducer<>(ClientProperties.ledgerProducer(bootstrapServers, clientId, overrides)),
                () -> new KafkaConsumer<>(ClientProperties.scanReader(bootstrapServers, clientId + "-reader", overrides)),
                layout, Clock.systemUTC(), skipped, Duration.ofSeconds(30), signer, false);
    }

    /**
     * The manager's ledger: the only writer of {@code layout}'s ledger, transactional with
     * {@link TopicLayout#managerTransactionalId()}, every append sealed by {@code key} and chained to the last event
     * {@code key} signed. Call {@link #takeOver()} once Kafka is up: it fences any other manager on the same prefix.
     */
    public static Ledger openManager(String bootstrapServers, KafkaClientOverrides overrides, TopicLayout layout,
            SkippedRecords skipped, Signer key) {
        String clientId = "ecledger-ledger-" + layout.prefix();
        return new Ledger(
                new KafkaProducer<>(ClientProperties.managerProducer(bootstrapServers, clientId,
                        layout.managerTransactionalId(), overrides)),
                () -> new KafkaConsumer<>(ClientProperties.scanReader(bootstrapServers, clientId + "-reader", overrides)),
                layout, Clock.systemUTC(), skipped, Duration.ofSeconds(30), Optional.of(key), true);
    }

    /**
     * Makes this ledger the writer: {@code initTransactions()} with its transactional id, which aborts what an earlier
     * holder left open and fences it. Does nothing for a ledger that is not transactional, or a second time.
     */
    public synchronized void takeOver() {
        if (!transactional || transactionsReady) {
            return;
        }
        requireNotFenced();
        try {
            producer.initTransactions();
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            throw fence(e);
        } catch (KafkaException e) {
            throw unavailable("take the ledger's transactional id " + transactionalId, e);
        }
        transactionsReady = true;
        LOG.info("took over the ledger {} as transactional id {}", partition.topic(), transactionalId);
    }

    /** Present once another manager has taken the ledger over: this one appends nothing more. */
    public Optional<LedgerFencedException> fenced() {
        return Optional.ofNullable(fenced);
    }

    /** True for the manager's ledger, whose appends are transactions under {@link #transactionalId()}. */
    public boolean transactional() {
        return transactional;
    }

    /** The transactional id a transactional ledger writes with. */
    public String transactionalId() {
        return transactionalId;
    }

    /** The ledger topic and its only partition. */
    public TopicPartition partition() {
        return partition;
    }

    /** Appends one action and waits until Kafka has it; returns its offset. */
    public long append(String actor, Origin origin, Payload payload) {
        return appendEntry(actor, origin, payload).offset();
    }

    /** As {@link #append}, returning the entry: the event as sealed and chained, and its offset. */
    public LedgerEntry appendEntry(String actor, Origin origin, Payload payload) {
        return joined(appendAsync(actor, origin, payload));
    }

    /**
     * Appends one action without waiting; the future completes with its entry once Kafka has it.
     * Appends made back to back keep their order (idempotent producer) and their chain. On the manager's transactional
     * ledger it returns once the append is committed, and appends made at the same time share one transaction.
     */
    public CompletableFuture<LedgerEntry> appendAsync(String actor, Origin origin, Payload payload) {
        if (transactional) {
            return CompletableFuture.completedFuture(
                    appendCommitted(List.of(new Queued(actor, origin, payload, new CompletableFuture<>()))).get(0));
        }
        CompletableFuture<LedgerEntry> appended = new CompletableFuture<>();
        synchronized (this) {
            requireNotFenced();
            if (tailUnknown.getAndSet(false) || tail == null) {
                tail = readTail();
            }
            Sealed sealed = seal(actor, origin, payload, tail);
            LedgerEvent event = sealed.event();
            tail = event.hash();
            try {
                producer.send(sealed.record(), (metadata, error) -> {
                    if (error != null) {
                        tailUnknown.set(true);
                        LOG.error("append failed eventId={} {}: {}", event.eventId(), commandIdOf(payload), error.toString());
                        appended.completeExceptionally(new LedgerUnavailableException(
                                "the ledger did not take " + abbreviate(payload.summary()) + ": " + error.getMessage(), error));
                    } else {
                        logAppended(metadata.offset(), event);
                        appended.complete(new LedgerEntry(metadata.offset(), event));
                    }
                });
            } catch (KafkaException e) {
                tail = null;
                throw new LedgerUnavailableException("the ledger did not take " + abbreviate(payload.summary()) + ": "
                        + e.getMessage(), e);
            }
        }
        return appended;
    }

    /** An append waiting to be committed, and what it completes. */
    private record Queued(String actor, Origin origin, Payload payload, CompletableFuture<LedgerEntry> appended) {}

    /** An append ready to send: its event, chained and sealed, and the record that carries it. */
    private record Sealed(LedgerEvent event, ProducerRecord<byte[], byte[]> record) {}

    /**
     * Appends {@code payloads} in their order and waits until Kafka has them all; on the manager's ledger they share as
     * few transactions as the group commit needs. Throws what made the first failing one fail: those before it are
     * appended, those after it may be.
     */
    public List<LedgerEntry> appendAll(String actor, Origin origin, List<? extends Payload> payloads) {
        if (!transactional) {
            // every send goes out before the first is waited for
            List<CompletableFuture<LedgerEntry>> sent = payloads.stream()
                    .map(payload -> appendAsync(actor, origin, payload)).toList();
            return sent.stream().map(Ledger::joined).toList();
        }
        return appendCommitted(payloads.stream()
                .map(payload -> new Queued(actor, origin, payload, new CompletableFuture<>())).toList());
    }

    /**
     * Group commit: one caller at a time commits every append queued by then in one transaction, so appends made at
     * the same time share a commit instead of waiting for one each. Fails as the first append failed. The others wait
     * on their own appends, not on the writer's lock: with a thousand senders queued on a monitor, each had to take
     * the lock in turn only to find its append done, and the next commit waited for all of them (seen in the soak).
     */
    private List<LedgerEntry> appendCommitted(List<Queued> mine) {
        queued.addAll(mine);
        CompletableFuture<LedgerEntry> last = mine.get(mine.size() - 1).appended();
        while (!last.isDone()) {
            CompletableFuture<Void> current = round.get();
            if (committing.compareAndSet(false, true)) {
                try {
                    synchronized (this) {
                        commitQueued();
                    }
                } finally {
                    // in this order: a caller that reads the new round and then sees no one committing takes over
                    committing.set(false);
                    round.getAndSet(new CompletableFuture<>()).complete(null);
                }
            } else if (committing.get()) {
                // a failed append is the caller's to see below, not a reason to stop waiting here
                CompletableFuture.anyOf(last, current).exceptionally(failure -> null).join();
            }
        }
        return mine.stream().map(append -> joined(append.appended())).toList();
    }

    /** The entry once {@code appended} completes; the failure that made it fail, as an unchecked exception. */
    private static LedgerEntry joined(CompletableFuture<LedgerEntry> appended) {
        try {
            return appended.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException ? (RuntimeException) cause
                    : new LedgerUnavailableException("append failed: " + cause, cause);
        }
    }

    // guarded by this
    private void commitQueued() {
        List<Queued> batch = new ArrayList<>();
        while (batch.size() < MAX_BATCH) {
            Queued next = queued.poll();
            if (next == null) {
                break;
            }
            batch.add(next);
        }
        List<Queued> sent = new ArrayList<>();
        List<Sealed> sealed = new ArrayList<>();
        try {
            requireNotFenced();
            // before the tail is read: the tail then includes all the fenced manager committed
            takeOver();
            finishPendingCommit();
            if (tailUnknown.getAndSet(false) || tail == null) {
                tail = readTail();
            }
            Hash previous = tail;
            for (Queued append : batch) {
                try {
                    Sealed next = seal(append.actor(), append.origin(), append.payload(), previous);
                    sent.add(append);
                    sealed.add(next);
                    previous = next.event().hash();
                } catch (IllegalArgumentException tooLarge) {
                    // only this append is refused; the others still chain on without it
                    append.appended().completeExceptionally(tooLarge);
                }
            }
            if (!sealed.isEmpty()) {
                List<LedgerEntry> entries = commit(sealed);
                for (int i = 0; i < sealed.size(); i++) {
                    sent.get(i).appended().complete(entries.get(i));
                }
            }
        } catch (RuntimeException e) {
            batch.forEach(append -> append.appended().completeExceptionally(e));
            if (e instanceof LedgerUnavailableException) {
                refuseQueued(e);
            }
        } finally {
            // an append taken from the queue and left undone would keep its caller waiting for good
            for (Queued append : batch) {
                if (!append.appended().isDone()) {
                    append.appended().completeExceptionally(new LedgerUnavailableException(
                            "the ledger did not take " + abbreviate(append.payload().summary()), null));
                }
            }
        }
    }

    /**
     * Refuses the appends that queued while a commit failed: during an outage each would otherwise wait out Kafka's
     * timeouts in turn behind the one before it, so an operator's send would take minutes to be refused.
     */
    private void refuseQueued(RuntimeException failure) {
        for (Queued waiting = queued.poll(); waiting != null; waiting = queued.poll()) {
            waiting.appended().completeExceptionally(failure instanceof LedgerFencedException
                    ? failure
                    : new LedgerUnavailableException("the ledger did not take " + abbreviate(waiting.payload().summary())
                            + ": the append before it failed: " + failure.getMessage(), failure));
        }
    }

    /** {@code payload} as the event after {@code previous}, hashed and sealed, and the record carrying it. */
    private Sealed seal(String actor, Origin origin, Payload payload, Hash previous) {
        // the draft names the signing key, so the hash covers it; the signature over the hash comes last
        LedgerEvent draft = new LedgerEvent(UUID.randomUUID(), clock.instant(), actor, origin, previous, Hash.ZERO, payload,
                signer.map(Signer::pending).orElse(Seal.NONE));
        Hash hash = LedgerHashing.draftHash(EventCodec.LEDGER.encode(draft));
        LedgerEvent event = draft.withHash(hash).withSeal(signer.map(s -> s.seal(hash)).orElse(Seal.NONE));
        byte[] bytes = EventCodec.LEDGER.encode(event);
        if (bytes.length > MAX_EVENT_BYTES) {
            throw new IllegalArgumentException("event of " + bytes.length + " bytes is larger than the ledger's limit of "
                    + MAX_EVENT_BYTES + " bytes: " + abbreviate(payload.summary()));
        }
        return new Sealed(event, new ProducerRecord<>(
                partition.topic(), partition.partition(), event.occurredAt().toEpochMilli(), null, bytes));
    }

    private void logAppended(long offset, LedgerEvent event) {
        LOG.info("appended offset={} eventId={} {}actor={} origin={}: {}", offset, event.eventId(),
                commandIdOf(event.payload()), event.actor(), event.origin(), abbreviate(event.payload().summary()));
    }

    /** Delivers every event from {@code fromOffset} to the current end, in order; undecodable records are reported and skipped. */
    public ReadSummary read(long fromOffset, java.util.function.Consumer<LedgerEntry> handler) {
        return scan(fromOffset, new Decoding(handler));
    }

    /** Delivers every event written at or after {@code time} to the current end, in order. */
    public ReadSummary readFrom(Instant time, java.util.function.Consumer<LedgerEntry> handler) {
        long from;
        try (Consumer<byte[], byte[]> consumer = readers.get()) {
            OffsetAndTimestamp found = consumer.offsetsForTimes(Map.of(partition, time.toEpochMilli()), readTimeout).get(partition);
            from = found != null ? found.offset() : consumer.endOffsets(List.of(partition), readTimeout).get(partition);
        } catch (KafkaException e) {
            throw unavailable("look up the ledger offset for " + time, e);
        }
        return read(from, handler);
    }

    /** Delivers every event from the first, in order. */
    public ReadSummary replay(java.util.function.Consumer<LedgerEntry> handler) {
        return read(0, handler);
    }

    /** Walks the whole ledger from its first record and reports every record that breaks the hash chain, if any. */
    public ChainVerdict verify() {
        return verify(null);
    }

    /** Walks the ledger after {@code checkpoint} (trusted), or from the first record when it is null. */
    public ChainVerdict verify(Checkpoint checkpoint) {
        return verify(checkpoint, Optional.empty());
    }

    /**
     * As {@link #verify(Checkpoint)}, also checking every record's signature with {@code keys}: the manager keys as
     * they stood where the walk starts, which the walk brings up to date.
     */
    public ChainVerdict verify(Checkpoint checkpoint, Optional<ManagerKeys> keys) {
        ChainVerifier[] verifier = new ChainVerifier[1];
        scan(checkpoint == null ? 0 : checkpoint.offset() + 1, new RecordHandler() {
            @Override
            public void start(long firstOffset) {
                verifier[0] = checkpoint == null ? new ChainVerifier(firstOffset) : ChainVerifier.after(checkpoint);
                keys.ifPresent(verifier[0]::withKeys);
            }

            @Override
            public boolean accept(ConsumerRecord<byte[], byte[]> record) {
                // a break does not end the walk: the verdict lists every one
                verifier[0].accept(record.offset(), record.value());
                return true;
            }
        });
        return verifier[0].verdict();
    }

    /** The offset the next appended event will get. */
    public long endOffset() {
        try (Consumer<byte[], byte[]> consumer = readers.get()) {
            return consumer.endOffsets(List.of(partition), readTimeout).get(partition);
        } catch (KafkaException e) {
            throw unavailable("read the ledger's end offset", e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }

    /**
     * Finishes the commit that timed out last time before anything else is sealed: its events may land, and the next
     * ones must chain onto them, so its last event becomes the tail. Until Kafka resolves it, nothing else is taken.
     */
    private void finishPendingCommit() {
        if (!commitPending) {
            return;
        }
        try {
            producer.commitTransaction();
            commitPending = false;
            // its last event, known here: a reader may not see it yet, as Kafka writes the commit markers after it
            // answers, so the tail is not read back
            tail = pendingTail;
            LOG.info("the append whose commit timed out is committed now");
        } catch (KafkaException e) {
            if (isFencing(e)) {
                throw fence(e);
            }
            if (!(e instanceof TimeoutException)) {
                // resolved, as a failure: Kafka took none of it
                commitPending = false;
                tail = null;
                abortQuietly();
            }
            throw new LedgerUnavailableException("the ledger takes no append until the one whose commit timed out is "
                    + "resolved: " + e.getMessage(), e);
        }
    }

    /** Appends {@code sealed} as one transaction and returns their entries once it is committed. */
    private List<LedgerEntry> commit(List<Sealed> sealed) {
        boolean begun = false;
        try {
            producer.beginTransaction();
            begun = true;
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (Sealed next : sealed) {
                sent.add(producer.send(next.record()));
            }
            try {
                producer.commitTransaction();
            } catch (TimeoutException e) {
                commitPending = true;
                pendingTail = sealed.get(sealed.size() - 1).event().hash();
                throw e;
            }
            // committed, so the sends are done
            List<LedgerEntry> entries = new ArrayList<>();
            for (int i = 0; i < sealed.size(); i++) {
                LedgerEvent event = sealed.get(i).event();
                long offset = sent.get(i).get().offset();
                logAppended(offset, event);
                entries.add(new LedgerEntry(offset, event));
            }
            tail = sealed.get(sealed.size() - 1).event().hash();
            return entries;
        } catch (KafkaException | ExecutionException e) {
            if (isFencing(e)) {
                throw fence(e);
            }
            // whether it landed is known only to Kafka: the next append reads the tail again
            tail = null;
            abortQuietly();
            boolean unknown = begun && commitPending;
            sealed.forEach(next -> LOG.error("append {} eventId={} {}: {}", unknown ? "outcome unknown" : "failed",
                    next.event().eventId(), commandIdOf(next.event().payload()), e.toString()));
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            if (unknown) {
                throw new LedgerOutcomeUnknownException("the ledger may yet take " + described(sealed) + ": its commit "
                        + "timed out (" + cause.getMessage() + "); Kafka finishes or aborts it once it answers again, so "
                        + "look the command up by its id before sending it again", cause);
            }
            throw new LedgerUnavailableException("the ledger did not take " + described(sealed) + ": "
                    + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            tail = null;
            throw new LedgerUnavailableException("interrupted while appending " + described(sealed), e);
        }
    }

    private static String described(List<Sealed> sealed) {
        String first = abbreviate(sealed.get(0).event().payload().summary());
        return sealed.size() == 1 ? first : first + " and " + (sealed.size() - 1) + " more appended with it";
    }

    private void abortQuietly() {
        if (commitPending) {
            return;
        }
        try {
            producer.abortTransaction();
        } catch (KafkaException e) {
            if (isFencing(e)) {
                throw fence(e);
            }
            // not in a transaction, or the producer is in a fatal state: the next beginTransaction says which
            LOG.debug("abort after a failed append: {}", e.toString());
        }
    }

    private void requireNotFenced() {
        LedgerFencedException already = fenced;
        if (already != null) {
            // a fresh exception per refusal, so its stack names the caller
            throw new LedgerFencedException(already.transactionalId(), already.fencedAt(), already.getCause());
        }
    }

    /** Enters the fenced state for good: closes the producer, which can write nothing more. */
    private LedgerFencedException fence(Exception cause) {
        if (fenced == null) {
            fenced = new LedgerFencedException(transactionalId, clock.instant(), cause);
            LOG.error("fenced: another manager has taken over the ledger {} with transactional id {}; this manager appends"
                    + " nothing more until it is restarted ({})", partition.topic(), transactionalId, cause.toString());
            producer.close(Duration.ZERO);
        }
        return fenced;
    }

    private static boolean isFencing(Throwable error) {
        for (Throwable at = error; at != null; at = at.getCause()) {
            if (at instanceof ProducerFencedException || at instanceof InvalidProducerEpochException) {
                return true;
            }
        }
        return false;
    }

    /**
     * The hash to chain onto: without a signer the last decodable event, or {@link Hash#ZERO} for an empty ledger. A signing ledger
     * takes the last event its own keys sealed, so a forgery at the tail cannot make it extend the forger's record;
     * with none, {@link Hash#ZERO}.
     */
    private Hash readTail() {
        List<Long> passed = new ArrayList<>();
        boolean sawEvents = false;
        try (Consumer<byte[], byte[]> consumer = readers.get()) {
            consumer.assign(List.of(partition));
            long begin = consumer.beginningOffsets(List.of(partition), readTimeout).get(partition);
            long end = consumer.endOffsets(List.of(partition), readTimeout).get(partition);
            // step back a window at a time; read forward within it, as offsets left by transaction markers hold no record
            for (long until = end; until > begin; until = Math.max(begin, until - TAIL_WINDOW)) {
                List<ConsumerRecord<byte[], byte[]>> window = readWindow(consumer, Math.max(begin, until - TAIL_WINDOW), until);
                for (int i = window.size() - 1; i >= 0; i--) {
                    ConsumerRecord<byte[], byte[]> record = window.get(i);
                    HashedEvent hashed;
                    try {
                        hashed = HashedEvent.of(record.value());
                    } catch (UndecodableRecordException e) {
                        // a garbage tail: chain onto the last real event; verify reports the garbage
                        skipped.report(new SkippedRecord(record.topic(), record.partition(), record.offset(), e.getMessage()));
                        passed.add(record.offset());
                        continue;
                    }
                    if (signer.isEmpty()) {
                        return hashed.event().hash();
                    }
                    sawEvents = true;
                    // agents follow only the manager's events (any key it rotated from included), so chain onto those
                    if (signer.get().sealed(hashed)) {
                        if (!passed.isEmpty()) {
                            LOG.warn("the ledger's tail is not the manager's: chaining onto offset={}, the last event"
                                    + " signed by {}, past offsets {}", record.offset(), signer.get().fingerprint(),
                                    ranges(passed));
                        }
                        return hashed.event().hash();
                    }
                    passed.add(record.offset());
                }
            }
        } catch (KafkaException e) {
            throw unavailable("read the ledger's last event", e);
        }
        if (sawEvents) {
            // an unsigned or foreign record is nobody's to vouch for: chaining onto it would make every agent, which
            // follows only the manager's events, refuse all that comes after it
            LOG.warn("no event on {} is sealed by the manager's key {}: its events go on from the zero hash, not from "
                    + "the records at offsets {}", partition.topic(), signer.get().fingerprint(), ranges(passed));
        }
        return Hash.ZERO;
    }

    /** The records in {@code [from, until)}, in offset order; the consumer's position steps over the offsets that hold none. */
    private List<ConsumerRecord<byte[], byte[]>> readWindow(Consumer<byte[], byte[]> consumer, long from, long until) {
        List<ConsumerRecord<byte[], byte[]>> window = new ArrayList<>();
        consumer.seek(partition, from);
        long position = from;
        long deadline = System.nanoTime() + readTimeout.toNanos();
        while (position < until) {
            List<ConsumerRecord<byte[], byte[]>> polled = consumer.poll(POLL).records(partition);
            for (ConsumerRecord<byte[], byte[]> record : polled) {
                if (record.offset() >= from && record.offset() < until) {
                    window.add(record);
                }
            }
            long moved = Math.max(consumer.position(partition),
                    polled.isEmpty() ? position : polled.get(polled.size() - 1).offset() + 1);
            if (moved > position) {
                position = moved;
                deadline = System.nanoTime() + readTimeout.toNanos();
            } else if (System.nanoTime() > deadline) {
                throw new LedgerUnavailableException("reading the ledger's tail made no progress at offset " + position
                        + " within " + readTimeout, null);
            }
        }
        return window;
    }

    /** {@code [9, 8, 7, 5]} as {@code 5, 7-9}: the offsets a log line names. */
    private static String ranges(List<Long> offsets) {
        List<Long> sorted = offsets.stream().sorted().toList();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < sorted.size(); i++) {
            int j = i;
            while (j + 1 < sorted.size() && sorted.get(j + 1) == sorted.get(j) + 1) {
                j++;
            }
            text.append(text.length() == 0 ? "" : ", ").append(sorted.get(i));
            if (j > i) {
                text.append('-').append(sorted.get(j));
            }
            i = j;
        }
        return text.toString();
    }

    private ReadSummary scan(long fromOffset, RecordHandler handler) {
        long[] stoppedAt = {-1};
        PartitionScan.Range range = scan.scan(partition, fromOffset, new PartitionScan.Batches() {
            @Override
            public void start(PartitionScan.Range range) {
                handler.start(range.from());
            }

            @Override
            public boolean accept(List<ConsumerRecord<byte[], byte[]>> records, PartitionScan.Range range) {
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    if (!handler.accept(record)) {
                        stoppedAt[0] = record.offset() + 1;
                        return false;
                    }
                }
                return true;
            }
        });
        return handler.summary(stoppedAt[0] >= 0 ? stoppedAt[0] : range.end());
    }

    private static LedgerUnavailableException unavailable(String what, KafkaException e) {
        return new LedgerUnavailableException("cannot " + what + ": " + e.getMessage(), e);
    }

    private static String commandIdOf(Payload payload) {
        return payload instanceof CommandIssued ? "commandId=" + ((CommandIssued) payload).commandId() + " " : "";
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }

    /** Sees raw records of one scan in offset order; returns false to stop early. */
    private interface RecordHandler {
        default void start(long firstOffset) {}

        boolean accept(ConsumerRecord<byte[], byte[]> record);

        default ReadSummary summary(long nextOffset) {
            return new ReadSummary(0, List.of(), nextOffset);
        }
    }

    /** Decodes each record for a caller's handler, reporting what does not decode. */
    private final class Decoding implements RecordHandler {
        private final java.util.function.Consumer<LedgerEntry> handler;
        private final List<SkippedRecord> skippedHere = new java.util.ArrayList<>();
        private long delivered;

        Decoding(java.util.function.Consumer<LedgerEntry> handler) {
            this.handler = Objects.requireNonNull(handler, "handler");
        }

        @Override
        public boolean accept(ConsumerRecord<byte[], byte[]> record) {
            LedgerEvent event;
            try {
                event = EventCodec.LEDGER.decode(record.value());
            } catch (UndecodableRecordException e) {
                SkippedRecord skip = new SkippedRecord(record.topic(), record.partition(), record.offset(), e.getMessage());
                skippedHere.add(skip);
                skipped.report(skip);
                return true;
            }
            handler.accept(new LedgerEntry(record.offset(), event));
            delivered++;
            return true;
        }

        @Override
        public ReadSummary summary(long nextOffset) {
            return new ReadSummary(delivered, skippedHere, nextOffset);
        }
    }
}
