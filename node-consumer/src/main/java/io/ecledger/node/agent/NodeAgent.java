package io.ecledger.node.agent;

import io.ecledger.ledger.codec.EventCodec;
import io.ecledger.ledger.codec.UndecodableRecordException;
import io.ecledger.ledger.event.CommandIssued;
import io.ecledger.ledger.event.LedgerEvent;
import io.ecledger.ledger.event.MembershipEvent;
import io.ecledger.ledger.event.NodeIdentity;
import io.ecledger.ledger.event.NodeResponse;
import io.ecledger.ledger.event.NodeStatus;
import io.ecledger.ledger.kafka.ClientProperties;
import io.ecledger.ledger.kafka.SkippedRecord;
import io.ecledger.ledger.kafka.SkippedRecords;
import io.ecledger.ledger.kafka.TopicLayout;
import io.ecledger.node.executor.ExecutionResult;
import io.ecledger.node.executor.Executor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent of one node: reads the whole ledger, runs the commands that target its node, and
 * publishes each response in the Kafka transaction that commits its ledger offset, so every
 * command gets exactly one committed response from it even across crashes. A command may run
 * again after a crash between running and committing; only one of its answers is ever visible.
 */
public final class NodeAgent implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NodeAgent.class);
    private static final Duration CLEAN_CLOSE_TIMEOUT = Duration.ofSeconds(10);

    /** Called after a response is sent and before its transaction commits; tests throw here to simulate a crash. */
    interface BeforeCommit {
        void beforeCommit(NodeResponse response);
    }

    private final String bootstrapServers;
    private final TopicLayout layout;
    private final NodeIdentity identity;
    private final Executor executor;
    private final Clock clock;
    private final AgentSettings settings;
    private final SkippedRecords skipped;
    private final BeforeCommit beforeCommit;
    private final TopicPartition ledger;
    private final AtomicBoolean running = new AtomicBoolean();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private volatile Consumer<byte[], byte[]> consumer;
    private Thread thread;

    /** An agent for {@code identity}'s node whose undecodable ledger records are only logged and counted. */
    public NodeAgent(String bootstrapServers, TopicLayout layout, NodeIdentity identity, Executor executor, Clock clock,
            AgentSettings settings) {
        this(bootstrapServers, layout, identity, executor, clock, settings, new SkippedRecords());
    }

    /** An agent for {@code identity}'s node reporting undecodable ledger records to {@code skipped}. */
    public NodeAgent(String bootstrapServers, TopicLayout layout, NodeIdentity identity, Executor executor, Clock clock,
            AgentSettings settings, SkippedRecords skipped) {
        this(bootstrapServers, layout, identity, executor, clock, settings, skipped, response -> {});
    }

    NodeAgent(String bootstrapServers, TopicLayout layout, NodeIdentity identity, Executor executor, Clock clock,
            AgentSettings settings, SkippedRecords skipped, BeforeCommit beforeCommit) {
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        this.layout = Objects.requireNonNull(layout, "layout");
        this.identity = Objects.requireNonNull(identity, "identity");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.skipped = Objects.requireNonNull(skipped, "skipped");
        this.beforeCommit = Objects.requireNonNull(beforeCommit, "beforeCommit");
        this.ledger = new TopicPartition(layout.ledger(), 0);
    }

    /** The consumer group and transactional id of a node's agent: {@code <prefix>.node.<name>}. */
    public static String groupId(TopicLayout layout, String node) {
        return layout.prefix() + ".node." + node;
    }

    /** Starts reading the ledger on the agent's own thread. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("node agent " + identity.node() + " was already started");
        }
        running.set(true);
        thread = new Thread(this::run, "node-agent-" + identity.node());
        thread.start();
    }

    /** Stops cleanly: finishes the command in hand, says {@code NodeLeft}, closes its clients, and waits for that. */
    public void stop() {
        running.set(false);
        Consumer<byte[], byte[]> polling = consumer;
        if (polling != null) {
            polling.wakeup();
        }
        Thread started;
        synchronized (this) {
            started = thread;
        }
        if (started != null && started != Thread.currentThread()) {
            try {
                started.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Completes when the agent has stopped: normally after {@link #stop()}, exceptionally when it crashed. */
    public CompletableFuture<Void> stopped() {
        return stopped.copy();
    }

    /** The node this agent answers for. */
    public NodeIdentity identity() {
        return identity;
    }

    private void run() {
        Producer<String, NodeResponse> responses = null;
        Producer<String, MembershipEvent> membership = null;
        Consumer<byte[], byte[]> reader = null;
        Throwable failure = null;
        try {
            membership = new KafkaProducer<>(membershipProducer(), new StringSerializer(),
                    EventCodec.MEMBERSHIP.serializer());
            responses = new KafkaProducer<>(responseProducer(), new StringSerializer(), EventCodec.RESPONSES.serializer());
            // fences any earlier incarnation of this node and aborts the transaction it left open
            responses.initTransactions();
            reader = new KafkaConsumer<>(ledgerConsumer());
            // assigned, not subscribed: the node is the group's only reader, so no rebalances, and a
            // restarted agent resumes at once from the offset its last transaction committed
            reader.assign(List.of(ledger));
            consumer = reader;
            say(membership, new MembershipEvent.NodeAnnounced(identity, clock.instant()));
            LOG.info("node agent started node={} subcluster={} ledger={} group={}", identity.node(),
                    identity.subcluster(), layout.ledger(), groupId(layout, identity.node()));
            long nextHeartbeat = System.nanoTime() + settings.heartbeatInterval().toNanos();
            while (running.get()) {
                try {
                    handle(reader.poll(settings.pollTimeout()), reader, responses);
                } catch (WakeupException e) {
                    break;
                }
                if (System.nanoTime() - nextHeartbeat >= 0) {
                    say(membership, new MembershipEvent.NodeHeartbeat(identity, clock.instant()));
                    nextHeartbeat = System.nanoTime() + settings.heartbeatInterval().toNanos();
                }
            }
            say(membership, new MembershipEvent.NodeLeft(identity, clock.instant()));
        } catch (Throwable e) {
            failure = e;
            LOG.error("node agent crashed node={}; its open transaction, if any, is never committed", identity.node(), e);
        } finally {
            running.set(false);
            consumer = null;
            // after a crash, abandon the clients as a dead process would: no abort, no flush
            Duration wait = failure == null ? CLEAN_CLOSE_TIMEOUT : Duration.ZERO;
            if (reader != null) {
                closeQuietly(reader::close, wait);
            }
            if (responses != null) {
                closeQuietly(responses::close, wait);
            }
            if (membership != null) {
                closeQuietly(membership::close, wait);
            }
            if (failure == null) {
                LOG.info("node agent stopped node={}", identity.node());
                stopped.complete(null);
            } else {
                stopped.completeExceptionally(new AgentCrashedException(identity.node(), failure));
            }
        }
    }

    private void closeQuietly(java.util.function.Consumer<Duration> close, Duration wait) {
        try {
            close.accept(wait);
        } catch (RuntimeException e) {
            LOG.warn("closing a Kafka client of node={} failed", identity.node(), e);
        }
    }

    private void say(Producer<String, MembershipEvent> membership, MembershipEvent event) {
        membership.send(new ProducerRecord<>(layout.membership(), identity.node(), event), (metadata, error) -> {
            if (error != null) {
                LOG.warn("membership event {} of node={} not published: {}", event.getClass().getSimpleName(),
                        identity.node(), error.toString());
            }
        });
    }

    private void handle(Iterable<ConsumerRecord<byte[], byte[]>> records, Consumer<byte[], byte[]> reader,
            Producer<String, NodeResponse> responses) {
        long committed = -1;
        long next = -1;
        for (ConsumerRecord<byte[], byte[]> record : records) {
            next = record.offset() + 1;
            LedgerEvent event;
            try {
                event = EventCodec.LEDGER.decode(record.value());
            } catch (UndecodableRecordException e) {
                skipped.report(new SkippedRecord(record.topic(), record.partition(), record.offset(), e.getMessage()));
                continue;
            }
            if (!(event.payload() instanceof CommandIssued)) {
                continue;
            }
            CommandIssued command = (CommandIssued) event.payload();
            if (!command.target().includes(identity.node(), identity.subcluster())) {
                continue;
            }
            NodeResponse response = respond(record.offset(), command);
            if (!publish(response, record.offset(), reader, responses)) {
                // aborted: read the command again on the next poll; it runs again, as after a crash
                reader.seek(ledger, record.offset());
                return;
            }
            committed = next;
            LOG.info("command handled commandId={} node={} offset={} status={}", command.commandId(),
                    identity.node(), record.offset(), response.status());
        }
        if (next > committed && next >= 0) {
            // records not for us still move the committed offset, so a restart does not reread them
            commitOffsetsOnly(next, reader, responses);
        }
    }

    private NodeResponse respond(long offset, CommandIssued command) {
        Instant seen = clock.instant();
        if (seen.isAfter(command.deadline())) {
            return new NodeResponse(command.commandId(), offset, identity.node(), identity.subcluster(),
                    NodeStatus.EXPIRED, "not run: its deadline " + command.deadline() + " passed before " + identity.node()
                    + " saw it at " + seen, seen, seen);
        }
        ExecutionResult result;
        try {
            result = executor.run(command.commandText());
        } catch (RuntimeException e) {
            // executors answer failures as ERROR; one that throws is a bug, reported to the operator the same way
            result = ExecutionResult.error("the executor failed: " + e);
        }
        Instant finished = clock.instant();
        return new NodeResponse(command.commandId(), offset, identity.node(), identity.subcluster(),
                result.status().toNodeStatus(), result.output(), seen, finished.isBefore(seen) ? seen : finished);
    }

    /** Sends the response and commits offset + 1 in one transaction; false when the transaction was aborted. */
    private boolean publish(NodeResponse response, long offset, Consumer<byte[], byte[]> reader,
            Producer<String, NodeResponse> responses) {
        try {
            responses.beginTransaction();
            responses.send(new ProducerRecord<>(layout.responses(), response.commandId().toString(), response));
            beforeCommit.beforeCommit(response);
            responses.sendOffsetsToTransaction(Map.of(ledger, new OffsetAndMetadata(offset + 1)), reader.groupMetadata());
            responses.commitTransaction();
            return true;
        } catch (ProducerFencedException | InvalidProducerEpochException | OutOfOrderSequenceException
                | AuthorizationException | UnsupportedVersionException e) {
            throw e;
        } catch (KafkaException e) {
            LOG.warn("response transaction aborted commandId={} node={} offset={}: {}", response.commandId(),
                    identity.node(), offset, e.toString());
            responses.abortTransaction();
            return false;
        }
    }

    private void commitOffsetsOnly(long next, Consumer<byte[], byte[]> reader, Producer<String, NodeResponse> responses) {
        try {
            responses.beginTransaction();
            responses.sendOffsetsToTransaction(Map.of(ledger, new OffsetAndMetadata(next)), reader.groupMetadata());
            responses.commitTransaction();
        } catch (ProducerFencedException | InvalidProducerEpochException | OutOfOrderSequenceException
                | AuthorizationException | UnsupportedVersionException e) {
            throw e;
        } catch (KafkaException e) {
            // nothing was answered, so losing this commit only means rereading records that are not ours
            LOG.warn("offset commit aborted node={} offset={}: {}", identity.node(), next, e.toString());
            responses.abortTransaction();
        }
    }

    private Properties responseProducer() {
        Properties props = ClientProperties.ledgerProducer(bootstrapServers, "ecledger-node-" + identity.node());
        // one id per node: a restarted agent fences its predecessor and aborts what it left open
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, groupId(layout, identity.node()));
        // the default 100 ms shows as p99 spikes on back-to-back transactions (notes/kafka-latency.md)
        props.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 10);
        return props;
    }

    private Properties membershipProducer() {
        return ClientProperties.ledgerProducer(bootstrapServers, "ecledger-node-" + identity.node() + "-membership");
    }

    private Properties ledgerConsumer() {
        Properties props = ClientProperties.reader(bootstrapServers, "ecledger-node-" + identity.node() + "-ledger");
        // the offsets the response transactions commit live in the node's own group
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId(layout, identity.node()));
        return props;
    }

    @Override
    public String toString() {
        return "NodeAgent[" + identity.node() + "@" + identity.subcluster() + "]";
    }
}
