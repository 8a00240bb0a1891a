package io.ecledger.api.audit;

import io.dropwizard.lifecycle.Managed;
import io.ecledger.ledger.chain.ChainVerdict;
import io.ecledger.ledger.chain.ChainVerifier;
import io.ecledger.ledger.sign.ManagerKeys;
import io.ecledger.ledger.chain.Checkpoint;
import io.ecledger.ledger.kafka.ClientProperties;
import io.ecledger.ledger.kafka.KafkaClientOverrides;
import io.ecledger.ledger.kafka.ConsumerLoop;
import io.ecledger.ledger.kafka.TopicLayout;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies the ledger's hash chain continuously as events arrive, from the latest recorded
 * checkpoint on, and records a new checkpoint every {@code checkpointEvery} verified events while the chain is
 * intact. It goes on verifying after a break: each broken record is logged once and kept in the verdict, which the
 * {@code ledger-chain} health check reports, and no checkpoint is kept at or past the first break.
 */
public final class ChainMonitor implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(ChainMonitor.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final CheckpointDao checkpoints;
    private final TopicPartition ledger;
    private final Clock clock;
    private final int checkpointEvery;
    private final ConsumerLoop loop;
    private volatile ChainVerdict verdict;
    // set by start() before the loop's thread starts, then used on that thread only
    private Optional<Checkpoint> from = Optional.empty();
    private ChainVerifier verifier;
    // events verified by this walk when the last checkpoint was recorded: events, not offsets, as commit markers
    // take an offset each
    private long recordedAt;
    private final Set<Long> logged = new HashSet<>();
    private long loggedCount;
    private final Optional<LongFunction<ManagerKeys>> keysAt;

    /** A monitor reading the brokers at {@code bootstrapServers}. */
    public ChainMonitor(CheckpointDao checkpoints, String bootstrapServers, TopicLayout layout, Clock clock, int checkpointEvery) {
        this(checkpoints, bootstrapServers, KafkaClientOverrides.none(), layout, clock, checkpointEvery);
    }

    /** A monitor reading the brokers at {@code bootstrapServers}, its consumer with the operator's {@code overrides}. */
    public ChainMonitor(CheckpointDao checkpoints, String bootstrapServers, KafkaClientOverrides overrides, TopicLayout layout,
            Clock clock, int checkpointEvery) {
        this(checkpoints,
                () -> new KafkaConsumer<>(ClientProperties.reader(bootstrapServers, "ecledger-chain-monitor", overrides)),
                layout, clock, checkpointEvery);
    }

    /** A monitor reading the brokers at {@code bootstrapServers}, checking signatures with the keys {@code keysAt} gives. */
    public ChainMonitor(CheckpointDao checkpoints, String bootstrapServers, KafkaClientOverrides overrides, TopicLayout layout,
            Clock clock, int checkpointEvery, LongFunction<ManagerKeys> keysAt) {
        this(checkpoints,
                () -> new KafkaConsumer<>(ClientProperties.reader(bootstrapServers, "ecledger-chain-monitor", overrides)),
                layout, clock, checkpointEvery, Optional.of(keysAt));
    }

    /** A monitor taking a consumer from {@code consumers} at each start. */
    public ChainMonitor(CheckpointDao checkpoints, Supplier<Consumer<byte[], byte[]>> consumers, TopicLayout layout,
            Clock clock, int checkpointEvery) {
        this(checkpoints, consumers, layout, clock, checkpointEvery, Optional.empty());
    }

    /**
     * A monitor taking a consumer from {@code consumers} at each start, checking each event's signature with the
     * manager keys {@code keysAt} gives for the offset it starts at, when given.
     */
    public ChainMonitor(CheckpointDao checkpoints, Supplier<Consumer<byte[], byte[]>> consumers, TopicLayout layout,
            Clock clock, int checkpointEvery, Optional<LongFunction<ManagerKeys>> keysAt) {
        this.keysAt = keysAt;
        this.checkpoints = checkpoints;
        this.ledger = new TopicPartition(layout.ledger(), 0);
        this.clock = clock;
        this.checkpointEvery = checkpointEvery;
        this.loop = new ConsumerLoop("ledger-chain-monitor", consumers, POLL, new Verifying());
    }

    /** What the monitor has found so far: intact up to a head, or every break found. */
    public ChainVerdict verdict() {
        return verdict;
    }

    @Override
    public void start() {
        from = checkpoints.latest();
        verifier = from.map(ChainVerifier::after).orElseGet(() -> new ChainVerifier(0));
        long start = from.map(c -> c.offset() + 1).orElse(0L);
        keysAt.ifPresent(keys -> verifier.withKeys(keys.apply(start)));
        // counted in verified events, not offsets: transaction markers take offsets too
        recordedAt = 0;
        verdict = verifier.verdict();
        loop.start();
        LOG.info("verifying the ledger chain from {}", from.map(c -> "checkpoint " + c).orElse("its first event"));
    }

    @Override
    public void stop() {
        loop.stop();
    }

    /** The loop's side: seek past the checkpoint, verify each poll, record checkpoints as the verified head moves. */
    private final class Verifying implements ConsumerLoop.Body {

        // read and written on the loop's thread only
        private boolean checkpointFailing;

        @Override
        public void open(Consumer<byte[], byte[]> consumer) {
            consumer.assign(List.of(ledger));
            consumer.seek(ledger, from.map(c -> c.offset() + 1).orElse(0L));
        }

        @Override
        public void handle(ConsumerRecords<byte[], byte[]> polled, Consumer<byte[], byte[]> consumer) {
            List<ConsumerRecord<byte[], byte[]>> records = polled.records(ledger);
            if (records.isEmpty()) {
                return;
            }
            for (ConsumerRecord<byte[], byte[]> record : records) {
                if (!verifier.accept(record.offset(), record.value())) {
                    // past the listed breaks the verdict only counts them: each is reported here, once, or never
                    for (ChainVerdict.Break each : verifier.unlistedBreaks()) {
                        LOG.error("ledger chain broken topic={} partition={} offset={}: {}", ledger.topic(),
                                ledger.partition(), each.offset(), each.reason());
                    }
                }
            }
            verdict = verifier.verdict();
            if (verdict instanceof ChainVerdict.Broken) {
                reportNewBreaks((ChainVerdict.Broken) verdict);
            } else if (verdict.head().isPresent() && verdict.verifiedEvents() - recordedAt >= checkpointEvery) {
                if (record(verdict.head().get())) {
                    recordedAt = verdict.verifiedEvents();
                    LOG.debug("chain checkpoint {}", verdict.head().get());
                }
            }
        }

        // a checkpoint only shortens the next start's walk: one H2 cannot take (a full disk) is tried again at the next
        // batch instead of stopping the monitor, with one line when that begins and one when it ends
        private boolean record(Checkpoint head) {
            try {
                checkpoints.record(head, clock.instant());
            } catch (JdbiException e) {
                if (!checkpointFailing) {
                    checkpointFailing = true;
                    LOG.warn("ledger chain checkpoint at offset={} not recorded, trying again at the next events: {}",
                            head.offset(), rootCause(e));
                }
                return false;
            }
            if (checkpointFailing) {
                checkpointFailing = false;
                LOG.info("ledger chain checkpoints recorded again, offset={}", head.offset());
            }
            return true;
        }

        /** Logs each break once; a forgery that looked linked can be found after its checkpoint was recorded. */
        private void reportNewBreaks(ChainVerdict.Broken broken) {
            Set<Long> listed = new HashSet<>();
            for (ChainVerdict.Break each : broken.breaks()) {
                listed.add(each.offset());
                if (logged.add(each.offset())) {
                    LOG.error("ledger chain broken topic={} partition={} offset={}: {}", ledger.topic(),
                            ledger.partition(), each.offset(), each.reason());
                }
            }
            if (broken.breakCount() == broken.breaks().size()) {
                // a blame after the fact is taken back when the next event goes on from the blamed one
                for (Iterator<Long> it = logged.iterator(); it.hasNext(); ) {
                    long offset = it.next();
                    if (!listed.contains(offset)) {
                        it.remove();
                        LOG.info("ledger chain offset={} fits after all: the event after it goes on from it", offset);
                    }
                }
            } else if (broken.breakCount() != loggedCount) {
                LOG.error("ledger chain has {} broken records; the first {} are listed", broken.breakCount(),
                        broken.breaks().size());
            }
            loggedCount = broken.breakCount();
            int forgotten = checkpoints.forgetFrom(broken.offset());
            if (forgotten > 0) {
                LOG.warn("dropped {} chain checkpoint(s) at or past the break at offset={}", forgotten, broken.offset());
            }
        }

        @Override
        public void close(Optional<Throwable> failure) {
            failure.ifPresent(e -> LOG.error("ledger chain monitor stopped: {}", e.toString()));
            verdict.head().filter(head -> verdict.intact()).ifPresent(this::record);
        }
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.toString();
    }
}
