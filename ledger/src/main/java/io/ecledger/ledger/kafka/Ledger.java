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
import io.ecledger.ledger.sign.Signer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger: appends operator actions to the single-partition ledger topic, each chained by
 * SHA-256 to its predecessor and signed by the manager key, and reads, replays and verifies them
 * in order.
 *
 * <p>One {@code Ledger} is the only writer of its topic: two writers would fork the chain.
 */
public final class Ledger implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Ledger.class);

    /** The largest encoded event accepted; well under Kafka's default 1 MiB request limit. */
    public static final int MAX_EVENT_BYTES = 512 * 1024;

    private static final Duration POLL = Duration.ofMillis(200);

    private final Producer<byte[], byte[]> producer;
    private final Supplier<Consumer<byte[], byte[]>> readers;
    private final TopicPartition partition;
    private final Clock clock;
    private final SkippedRecords skipped;
    private final Duration readTimeout;
    private final PartitionScan scan;
    // empty only for ledgers that read, and tests that append unsigned records on purpose
    private final Optional<Signer> signer;

    // the hash of the last event appended; null until read from the topic (guarded by this)
    private Hash tail;
    // set from the producer's thread when a send fails: the outcome is unknown, so the next
    // append reads the true tail first. Not a lock: send() may block on buffer space that only
    // that thread frees.
    private final AtomicBoolean tailUnknown = new AtomicBoolean();

    /** A ledger over {@code producer} and readers made by {@code readers}, each closed after one read; appends unsigned. */
    public Ledger(Producer<byte[], byte[]> producer, Supplier<Consumer<byte[], byte[]>> readers, TopicLayout layout,
            Clock clock, SkippedRecords skipped, Duration readTimeout) {
        this(producer, readers, layout, clock, skipped, readTimeout, Optional.empty());
    }

    /** A ledger whose appends {@code signer} seals. */
    public Ledger(Producer<byte[], byte[]> producer, Supplier<Consumer<byte[], byte[]>> readers, TopicLayout layout,
            Clock clock, SkippedRecords skipped, Duration readTimeout, Signer signer) {
        this(producer, readers, layout, clock, skipped, readTimeout, Optional.of(signer));
    }

    private Ledger(Producer<byte[], byte[]> producer, Supplier<Consumer<byte[], byte[]>> readers, TopicLayout layout,
            Clock clock, SkippedRecords skipped, Duration readTimeout, Optional<Signer> signer) {
        this.signer = signer;
        this.producer = producer;
        this.readers = readers;
        this.partition = new TopicPartition(layout.ledger(), 0);
        this.clock = clock;
        this.skipped = skipped;
        this.readTimeout = readTimeout;
        this.scan = new PartitionScan(readers, readTimeout);
    }

    /** The manager's ledger on the Kafka cluster at {@code bootstrapServers}, with the system clock; {@code signer} seals every append. */
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

    /** The manager's ledger: its clients with the operator's {@code overrides}, every append sealed by {@code signer}. */
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
                layout, Clock.systemUTC(), skipped, Duration.ofSeconds(30), signer);
    }

    /** The ledger topic and its only partition. */
    public TopicPartition partition() {
        return partition;
    }

    /** Appends one action and waits until Kafka has it; returns its offset. */
    public long append(String actor, Origin origin, Payload payload) {
        try {
            return appendAsync(actor, origin, payload).join().offset();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException ? (RuntimeException) cause
                    : new LedgerUnavailableException("append failed: " + cause, cause);
        }
    }

    /**
     * Appends one action without waiting; the future completes with its entry once Kafka has it.
     * Appends made back to back keep their order (idempotent producer) and their chain.
     */
    public CompletableFuture<LedgerEntry> appendAsync(String actor, Origin origin, Payload payload) {
        CompletableFuture<LedgerEntry> appended = new CompletableFuture<>();
        synchronized (this) {
            if (tailUnknown.getAndSet(false) || tail == null) {
                tail = readTail();
            }
            // the draft names the signing key, so the hash covers it; the signature over the hash comes last
            LedgerEvent draft = new LedgerEvent(UUID.randomUUID(), clock.instant(), actor, origin, tail, Hash.ZERO, payload,
                    signer.map(Signer::pending).orElse(Seal.NONE));
            Hash hash = LedgerHashing.draftHash(EventCodec.LEDGER.encode(draft));
            LedgerEvent event = draft.withHash(hash).withSeal(signer.map(s -> s.seal(hash)).orElse(Seal.NONE));
            byte[] bytes = EventCodec.LEDGER.encode(event);
            if (bytes.length > MAX_EVENT_BYTES) {
                throw new IllegalArgumentException("event of " + bytes.length + " bytes is larger than the ledger's limit of "
                        + MAX_EVENT_BYTES + " bytes: " + abbreviate(payload.summary()));
            }
            tail = event.hash();
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(
                    partition.topic(), partition.partition(), event.occurredAt().toEpochMilli(), null, bytes);
            try {
                producer.send(record, (metadata, error) -> {
                    if (error != null) {
                        tailUnknown.set(true);
                        LOG.error("append failed eventId={} {}: {}", event.eventId(), commandIdOf(payload), error.toString());
                        appended.completeExceptionally(new LedgerUnavailableException(
                                "the ledger did not take " + abbreviate(payload.summary()) + ": " + error.getMessage(), error));
                    } else {
                        LOG.info("appended offset={} eventId={} {}actor={} origin={}: {}", metadata.offset(), event.eventId(),
                                commandIdOf(payload), actor, origin, abbreviate(payload.summary()));
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

    /** The hash of the last decodable event, or {@link Hash#ZERO} for an empty ledger. */
    private Hash readTail() {
        try (Consumer<byte[], byte[]> consumer = readers.get()) {
            consumer.assign(List.of(partition));
            long begin = consumer.beginningOffsets(List.of(partition), readTimeout).get(partition);
            long end = consumer.endOffsets(List.of(partition), readTimeout).get(partition);
            for (long offset = end - 1; offset >= begin; offset--) {
                consumer.seek(partition, offset);
                ConsumerRecord<byte[], byte[]> record = pollOne(consumer, offset);
                try {
                    HashedEvent hashed = HashedEvent.of(record.value());
                    if (signer.isEmpty() || signer.get().sealed(hashed)) {
                        return hashed.event().hash();
                    }
                    // someone else's record at the end: agents follow only the manager's events, so chain onto those
                    LOG.warn("not chaining onto ledger offset={}: not sealed by the manager key", record.offset());
                } catch (UndecodableRecordException e) {
                    // a garbage tail: chain onto the last real event; verify reports the garbage
                    skipped.report(new SkippedRecord(record.topic(), record.partition(), record.offset(), e.getMessage()));
                }
            }
            return Hash.ZERO;
        } catch (KafkaException e) {
            throw unavailable("read the ledger's last event", e);
        }
    }

    private ConsumerRecord<byte[], byte[]> pollOne(Consumer<byte[], byte[]> consumer, long offset) {
        long deadline = System.nanoTime() + readTimeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL).records(partition)) {
                if (record.offset() == offset) {
                    return record;
                }
            }
        }
        throw new LedgerUnavailableException("no record at ledger offset " + offset + " within " + readTimeout, null);
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
