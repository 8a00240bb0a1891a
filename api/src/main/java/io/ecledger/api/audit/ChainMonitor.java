package io.ecledger.api.audit;

import io.dropwizard.lifecycle.Managed;
import io.ecledger.ledger.chain.ChainVerdict;
import io.ecledger.ledger.chain.ChainVerifier;
import io.ecledger.ledger.chain.Checkpoint;
import io.ecledger.ledger.kafka.ClientProperties;
import io.ecledger.ledger.kafka.TopicLayout;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies the ledger's hash chain continuously as events arrive, from the latest recorded
 * checkpoint on, and records a new checkpoint every {@code checkpointEvery} verified events.
 * A break is logged once and kept as the verdict, which the {@code ledger-chain} health check reports.
 */
public final class ChainMonitor implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(ChainMonitor.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final CheckpointDao checkpoints;
    private final String bootstrapServers;
    private final TopicPartition ledger;
    private final Clock clock;
    private final int checkpointEvery;
    private volatile ChainVerdict verdict;
    private volatile boolean running;
    private Consumer<byte[], byte[]> consumer;
    private Thread thread;

    public ChainMonitor(CheckpointDao checkpoints, String bootstrapServers, TopicLayout layout, Clock clock, int checkpointEvery) {
        this.checkpoints = checkpoints;
        this.bootstrapServers = bootstrapServers;
        this.ledger = new TopicPartition(layout.ledger(), 0);
        this.clock = clock;
        this.checkpointEvery = checkpointEvery;
    }

    /** What the monitor has found so far: intact up to a head, or the first break. */
    public ChainVerdict verdict() {
        return verdict;
    }

    @Override
    public void start() {
        Optional<Checkpoint> from = checkpoints.latest();
        ChainVerifier verifier = from.map(ChainVerifier::after).orElseGet(() -> new ChainVerifier(0));
        verdict = verifier.verdict();
        consumer = new KafkaConsumer<>(ClientProperties.reader(bootstrapServers, "ecledger-chain-monitor"));
        consumer.assign(List.of(ledger));
        consumer.seek(ledger, from.map(c -> c.offset() + 1).orElse(0L));
        running = true;
        thread = new Thread(() -> run(verifier, from), "ledger-chain-monitor");
        thread.setDaemon(true);
        thread.start();
        LOG.info("verifying the ledger chain from {}", from.map(c -> "checkpoint " + c).orElse("its first event"));
    }

    @Override
    public void stop() throws InterruptedException {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            thread.join(Duration.ofSeconds(10).toMillis());
        }
    }

    private void run(ChainVerifier verifier, Optional<Checkpoint> from) {
        long recordedAt = from.map(Checkpoint::offset).orElse(-1L);
        try {
            while (running) {
                List<ConsumerRecord<byte[], byte[]>> records = consumer.poll(POLL).records(ledger);
                if (records.isEmpty() || !verdict.intact()) {
                    continue;
                }
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    if (!verifier.accept(record.offset(), record.value())) {
                        break;
                    }
                }
                verdict = verifier.verdict();
                if (verdict instanceof ChainVerdict.Broken) {
                    ChainVerdict.Broken broken = (ChainVerdict.Broken) verdict;
                    LOG.error("ledger chain broken offset={}: {}", broken.offset(), broken.reason());
                } else if (verdict.head().isPresent() && verdict.head().get().offset() - recordedAt >= checkpointEvery) {
                    checkpoints.record(verdict.head().get(), clock.instant());
                    recordedAt = verdict.head().get().offset();
                    LOG.debug("chain checkpoint {}", verdict.head().get());
                }
            }
        } catch (WakeupException e) {
            // stop() asked
        } catch (RuntimeException e) {
            LOG.error("ledger chain monitor stopped: {}", e.toString());
        } finally {
            verdict.head().filter(head -> verdict.intact()).ifPresent(head -> checkpoints.record(head, clock.instant()));
            consumer.close(Duration.ofSeconds(5));
        }
    }
}
