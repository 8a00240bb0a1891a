package io.ecledger.node.agent;

import io.ecledger.ledger.event.NodeResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's transactions on its response producer: answers are published in the transaction that commits the
 * ledger offset past them, and one policy says which failures end the agent and which only abort.
 */
final class ResponseTransactions {

    // the agent's own logger: operators filter its lines by that name
    private static final Logger LOG = LoggerFactory.getLogger(NodeAgent.class);
    // a commit that keeps timing out: with Kafka's max.block.ms of 60 s, five minutes of outage before the agent stops
    private static final int COMMIT_ATTEMPTS = 5;
    // a timeout Kafka throws at once (a closing producer) must not spin
    private static final Duration COMMIT_BACKOFF = Duration.ofSeconds(1);

    /** Called after a response is sent and before its transaction commits; tests throw here to simulate a crash. */
    interface BeforeCommit {
        void beforeCommit(NodeResponse response);
    }

    private final Producer<String, NodeResponse> producer;
    private final String topic;
    private final TopicPartition ledger;
    private final String node;
    private final BeforeCommit beforeCommit;
    private final AtomicLong committed;

    /** Transactions on {@code producer}, whose transactions are initialized, answering on {@code topic} for {@code ledger}. */
    ResponseTransactions(Producer<String, NodeResponse> producer, String topic, TopicPartition ledger, String node,
            BeforeCommit beforeCommit) {
        this(producer, topic, ledger, node, beforeCommit, new AtomicLong());
    }

    /** As above, counting each committed transaction in {@code committed}. */
    ResponseTransactions(Producer<String, NodeResponse> producer, String topic, TopicPartition ledger, String node,
            BeforeCommit beforeCommit, AtomicLong committed) {
        this.committed = Objects.requireNonNull(committed, "committed");
        this.producer = Objects.requireNonNull(producer, "producer");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.node = Objects.requireNonNull(node, "node");
        this.beforeCommit = Objects.requireNonNull(beforeCommit, "beforeCommit");
    }

    /**
     * Sends {@code answers} and commits {@code next} as {@code group}'s ledger offset in one transaction, so they are
     * visible together or not at all; false when aborted.
     */
    boolean publish(List<NodeResponse> answers, long next, ConsumerGroupMetadata group) {
        if (answers.isEmpty()) {
            throw new IllegalArgumentException("a response transaction needs at least one answer");
        }
        return inTransaction(() -> {
            for (NodeResponse response : answers) {
                producer.send(new ProducerRecord<>(topic, response.commandId().toString(), response));
            }
            answers.forEach(beforeCommit::beforeCommit);
            producer.sendOffsetsToTransaction(Map.of(ledger, new OffsetAndMetadata(next)), group);
        }, e -> LOG.warn("response transaction aborted commandId={} node={} offset={} answers={} next={}: {}",
                answers.get(0).commandId(), node, answers.get(0).ledgerOffset(), answers.size(), next, e.toString()));
    }

    /** Commits {@code next} as the group's ledger offset, with no response; false when aborted. */
    boolean commitOffsets(long next, ConsumerGroupMetadata group) {
        return inTransaction(
                () -> producer.sendOffsetsToTransaction(Map.of(ledger, new OffsetAndMetadata(next)), group),
                // nothing was answered, so losing this commit only means rereading records that are not ours
                e -> LOG.warn("offset commit aborted node={} offset={}: {}", node, next, e.toString()));
    }

    /**
     * Runs {@code work} in one transaction. The errors after which this producer can never commit again
     * are rethrown and end the agent; any other Kafka error aborts, and the caller reads the records again.
     */
    private boolean inTransaction(Runnable work, Consumer<KafkaException> aborted) {
        try {
            producer.beginTransaction();
            work.run();
            commit();
            committed.incrementAndGet();
            return true;
        } catch (ProducerFencedException | InvalidProducerEpochException | OutOfOrderSequenceException
                | AuthorizationException | UnsupportedVersionException e) {
            throw e;
        } catch (KafkaException e) {
            aborted.accept(e);
            producer.abortTransaction();
            return false;
        }
    }

    /**
     * Commits, and commits again while that times out: after a timed-out commit Kafka allows nothing else (an abort
     * throws), and only the coordinator knows whether the answer is in. During a broker outage the agent waits here,
     * each attempt as long as the producer's {@code max.block.ms}; past the last one it stops, and the producer of
     * the agent started again resolves the transaction.
     */
    private void commit() {
        for (int attempt = 1; ; attempt++) {
            try {
                producer.commitTransaction();
                return;
            } catch (TimeoutException e) {
                if (attempt == COMMIT_ATTEMPTS || Thread.currentThread().isInterrupted()) {
                    throw new IllegalStateException("the commit of node " + node + "'s answer timed out " + attempt
                            + " time(s); Kafka allows no abort after that, so the agent stops, and started again it"
                            + " finds the answer committed or aborted", e);
                }
                LOG.warn("response transaction commit timed out node={} attempt={} of {}; committing it again: {}", node,
                        attempt, COMMIT_ATTEMPTS, e.toString());
                pause();
            }
        }
    }

    private static void pause() {
        try {
            TimeUnit.NANOSECONDS.sleep(COMMIT_BACKOFF.toNanos());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
