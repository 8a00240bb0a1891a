package io.ecledger.node.agent;

import io.ecledger.ledger.chain.ManagerTrail;
import io.ecledger.ledger.codec.HashedEvent;
import io.ecledger.ledger.codec.UndecodableRecordException;
import io.ecledger.ledger.event.CommandCancelled;
import io.ecledger.ledger.event.LedgerEvent;
import io.ecledger.ledger.event.MembershipEvent;
import io.ecledger.ledger.event.NodeIdentity;
import io.ecledger.ledger.event.NodeResponse;
import io.ecledger.ledger.event.NodeStatus;
import io.ecledger.ledger.event.OutputParts;
import io.ecledger.ledger.kafka.ConsumerLoop;
import io.ecledger.ledger.kafka.KafkaClientOverrides;
import io.ecledger.ledger.kafka.SkippedRecord;
import io.ecledger.ledger.kafka.SkippedRecords;
import io.ecledger.ledger.kafka.TopicLayout;
import io.ecledger.ledger.sign.KeyFingerprint;
import io.ecledger.ledger.sign.SignatureVerdict;
import io.ecledger.ledger.sign.NodeKey;
import io.ecledger.node.executor.Executor;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent of one node: reads the whole ledger, runs the commands that target its node and name it among their
 * expected nodes, and publishes each response in the Kafka transaction that commits its ledger offset (the answers to
 * one poll share one), so every command gets exactly one committed response from it even across crashes. A command
 * may run again after a crash between running and committing; only one of its answers is ever visible. Records not for it cost no transaction:
 * their offset rides on the next answer, or is committed on its own now and then ({@link LazyOffsets}).
 */
public final class NodeAgent implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NodeAgent.class);
    private static final Duration CLEAN_CLOSE_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration ANNOUNCE_ACK_TIMEOUT = Duration.ofSeconds(10);
    // a command still running after this says RUNNING and is watched for a cancel; quicker ones cost no word
    private static final Duration WATCH_AFTER = Duration.ofMillis(100);
    private static final Duration WATCH_POLL = Duration.ofMillis(100);
    private static final int REMEMBERED_CANCELS = 10_000;

    private final TopicLayout layout;
    private final NodeIdentity identity;
    private final Clock clock;
    // the clock deadlines are judged and records stamped on: the broker's when the settings say so, else the node's
    private final Clock trusted;
    private final Optional<BrokerClock> brokerClock;
    private final AgentSettings settings;
    private final SkippedRecords skipped;
    private final ResponseTransactions.BeforeCommit beforeCommit;
    private final AgentClients clients;
    private final Responder responder;
    private final CommandRunner runner;
    // the cancels read so far, by command id, in the words a CANCELLED answer gives
    private final Map<UUID, String> cancels = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, String> eldest) {
            return size() > REMEMBERED_CANCELS;
        }
    };
    private final CommandCheck check;
    private final PublicKey managerKey;
    private final AtomicLong rejectedCount = new AtomicLong();
    private final AtomicLong transactionCount = new AtomicLong();
    private final TopicPartition ledger;
    private final ConsumerLoop loop;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    // guarded by this
    private boolean started;

    /** An agent for {@code identity}'s node whose undecodable ledger records are only logged and counted. */
    public NodeAgent(String bootstrapServers, TopicLayout layout, NodeIdentity identity, PublicKey managerKey,
            Executor executor, Clock clock, AgentSettings settings) {
        this(bootstrapServers, layout, identity, managerKey, executor, clock, settings, new SkippedRecords());
    }

    /** An agent for {@code identity}'s node reporting undecodable ledger records to {@code skipped}. */
    public NodeAgent(String bootstrapServers, TopicLayout layout, NodeIdentity identity, PublicKey managerKey,
            Executor executor, Clock clock, AgentSettings settings, SkippedRecords skipped) {
        this(bootstrapServers, layout, identity, managerKey, executor, clock, settings, skipped, response -> {});
    }

    /**
     * An agent for {@code identity}'s node whose Kafka clients carry the operator's {@code overrides} and whose
     * responses and membership records are signed by {@code nodeKey}.
     */
    public NodeAgent(String bootstrapServers, KafkaClientOverrides overrides, TopicLayout layout, NodeIdentity identity,
            PublicKey managerKey, NodeKey nodeKey, Executor executor, Clock clock, AgentSettings settings) {
        this(layout, identity, managerKey, executor, clock, settings, new SkippedRecords(), response -> {},
                AgentClients.kafka(Objects.requireNonNull(bootstrapServers, "bootstrapServers"), overrides, layout, identity,
                        nodeKey));
    }

    /** An agent signing with {@code nodeKey}, reporting undecodable ledger records to {@code skipped}. */
    public NodeAgent(String bootstrapServers, TopicLayout layout, NodeIdentity identity, PublicKey managerKey,
            NodeKey nodeKey, Executor executor, Clock clock, AgentSettings settings, SkippedRecords skipped) {
        this(layout, identity, managerKey, executor, clock, settings, skipped, response -> {},
                AgentClients.kafka(Objects.requireNonNull(bootstrapServers, "bootstrapServers"), layout, identity, nodeKey));
    }

    // without a node key given, the agent signs with one held in memory: a simulated node's, made afresh per start
    NodeAgent(String bootstrapServers, TopicLayout layout, NodeIdentity identity, PublicKey managerKey, Executor executor,
            Clock clock, AgentSettings settings, SkippedRecords skipped, ResponseTransactions.BeforeCommit beforeCommit) {
        this(layout, identity, managerKey, executor, clock, settings, skipped, beforeCommit,
                AgentClients.kafka(Objects.requireNonNull(bootstrapServers, "bootstrapServers"), layout, identity,
                        NodeKey.generate()));
    }

    /** An agent on the clients {@code clients} hands out: Kafka's, or mocks in tests. */
    NodeAgent(TopicLayout layout, NodeIdentity identity, PublicKey managerKey, Executor executor, Clock clock,
            AgentSettings settings, SkippedRecords skipped, ResponseTransactions.BeforeCommit beforeCommit,
            AgentClients clients) {
        this.layout = Objects.requireNonNull(layout, "layout");
        this.identity = Objects.requireNonNull(identity, "identity");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.skipped = Objects.requireNonNull(skipped, "skipped");
        this.beforeCommit = Objects.requireNonNull(beforeCommit, "beforeCommit");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.brokerClock = settings.brokerClock() ? Optional.of(new BrokerClock(clock)) : Optional.empty();
        this.trusted = brokerClock.<Clock>map(broker -> broker).orElse(clock);
        this.responder = new Responder(identity, trusted);
        this.runner = new CommandRunner(Objects.requireNonNull(executor, "executor"), identity.node(), WATCH_AFTER);
        this.check = new CommandCheck(managerKey, settings.maxDeadline());
        this.managerKey = managerKey;
        this.ledger = new TopicPartition(layout.ledger(), 0);
        this.loop = new ConsumerLoop("node-agent-" + identity.node(), clients.ledger(), settings.pollTimeout(), new Run());
    }

    /** The consumer group and transactional id of a node's agent: {@code <prefix>.node.<name>}. */
    public static String groupId(TopicLayout layout, String node) {
        return layout.prefix() + ".node." + node;
    }

    /** Starts reading the ledger on the agent's own thread. */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("node agent " + identity.node() + " was already started");
        }
        started = true;
        loop.start();
        // runs on the agent's thread once its consumer is closed, so stop() returns with stopped() complete
        loop.stopped().whenComplete((ignored, error) -> {
            runner.close();
            ended(error == null ? null : loop.failure().orElse(error));
        });
    }

    /** Stops cleanly: finishes the command in hand, says {@code NodeLeft}, closes its clients, and waits for that. */
    public void stop() {
        loop.stop();
    }

    @Override
    public void close() {
        stop();
    }

    /** Completes when the agent has stopped: normally after {@link #stop()}, exceptionally when it crashed. */
    public CompletableFuture<Void> stopped() {
        return stopped.copy();
    }

    /** How many commands for this node it refused to run and answered {@code REJECTED}. */
    public long rejected() {
        return rejectedCount.get();
    }

    /** How many Kafka transactions this agent committed: one per batch of answers, and now and then an offsets-only one. */
    public long transactions() {
        return transactionCount.get();
    }

    /** The node this agent answers for. */
    public NodeIdentity identity() {
        return identity;
    }

    private void ended(Throwable failure) {
        if (failure == null) {
            LOG.info("node agent stopped node={}", identity.node());
            stopped.complete(null);
        } else {
            LOG.error("node agent crashed node={}; its open transaction, if any, is never committed", identity.node(),
                    failure);
            stopped.completeExceptionally(new AgentCrashedException(identity.node(), failure));
        }
    }

    /** One run of the agent on the loop's thread: its producers, what it says, and its answers to each poll. */
    private final class Run implements ConsumerLoop.Body {

        private Producer<String, MembershipEvent> membership;
        private Producer<String, NodeResponse> responses;
        private ResponseTransactions transactions;
        private LazyOffsets offsets;
        private Consumer<byte[], byte[]> consumer;
        private ProgressAcks acks;
        private long nextHeartbeat;
        // the keys followed, the last genuine ledger event and the command ids already answered
        private Trail trail;

        @Override
        public void open(Consumer<byte[], byte[]> consumer) {
            membership = clients.membership().get();
            responses = clients.responses().get();
            acks = new ProgressAcks(clients.progress(), layout.responses());
            // fences any earlier incarnation of this node and aborts the transaction it left open
            responses.initTransactions();
            transactions = new ResponseTransactions(responses, layout.responses(), ledger, identity.node(), beforeCommit,
                    transactionCount);
            offsets = new LazyOffsets(settings.commitEvery(), settings.commitInterval(), clock);
            this.consumer = consumer;
            // assigned, not subscribed: the node is the group's only reader, so no rebalances, and a
            // restarted agent resumes at once from the offset its last transaction committed
            consumer.assign(List.of(ledger));
            trail = trailBefore(consumer.position(ledger), consumer);
            announce();
            LOG.info("node agent started node={} subcluster={} ledger={} group={}", identity.node(),
                    identity.subcluster(), layout.ledger(), groupId(layout, identity.node()));
            nextHeartbeat = System.nanoTime() + settings.heartbeatInterval().toNanos();
        }

        @Override
        public void handle(ConsumerRecords<byte[], byte[]> records, Consumer<byte[], byte[]> consumer) {
            answer(records, consumer);
            offsets.due().ifPresent(next -> commitOffsets(next, consumer));
            if (System.nanoTime() - nextHeartbeat >= 0) {
                say(new MembershipEvent.NodeHeartbeat(identity, trusted.instant()));
                nextHeartbeat = System.nanoTime() + settings.heartbeatInterval().toNanos();
            }
        }

        @Override
        public void close(Optional<Throwable> failure) {
            try {
                if (failure.isEmpty() && offsets != null) {
                    // a clean stop keeps what was read past: the next start need not read it again
                    offsets.uncommitted().ifPresent(next -> commitQuietly(next));
                }
                // a run stopped before it announced the node has no leave to say
                if (failure.isEmpty() && membership != null) {
                    say(new MembershipEvent.NodeLeft(identity, trusted.instant()));
                }
            } finally {
                // after a crash, abandon the clients as a dead process would: no abort, no flush
                Duration wait = failure.isEmpty() ? CLEAN_CLOSE_TIMEOUT : Duration.ZERO;
                if (responses != null) {
                    closeQuietly(responses::close, wait);
                }
                if (acks != null) {
                    closeQuietly(acks::close, wait);
                }
                if (membership != null) {
                    closeQuietly(membership::close, wait);
                }
            }
        }

        /**
         * Answers the poll's commands for this node, several in one transaction ({@link AnswerBatch}). The trail reads
         * ahead of that transaction tentatively: when it aborts, the trail goes back to where it stood and the commands
         * are read again from the first of them and run again, as after a crash. The poll is decoded first, so a
         * cancel later in it stops a command before it starts.
         */
        private void answer(ConsumerRecords<byte[], byte[]> records, Consumer<byte[], byte[]> consumer) {
            List<Read> reads = new ArrayList<>(records.count());
            for (ConsumerRecord<byte[], byte[]> record : records) {
                Read read = Read.of(record);
                reads.add(read);
                noteCancel(read);
            }
            AnswerBatch batch = null;
            for (int i = 0; i < reads.size(); i++) {
                Read read = reads.get(i);
                ConsumerRecord<byte[], byte[]> record = read.record();
                if (batch != null && batch.due(settings.batchAnswers(), settings.batchAge())) {
                    if (!commit(batch, consumer)) {
                        return;
                    }
                    batch = null;
                }
                long next = record.offset() + 1;
                if (read.hashed() == null) {
                    skipped.report(new SkippedRecord(record.topic(), record.partition(), record.offset(), read.error()));
                    readPast(batch, next);
                    continue;
                }
                HashedEvent hashed = read.hashed();
                ManagerTrail.Screen screen = trail.screen(hashed);
                Optional<AnswerBatch.Answer> answer = screenedAnswer(hashed, screen, record, reads.subList(i + 1,
                        reads.size()));
                if (answer.isEmpty()) {
                    // still the chain's last link, so the next command for this node is checked against it
                    accept(record.offset(), hashed, screen);
                    readPast(batch, next);
                    continue;
                }
                if (batch == null) {
                    batch = new AnswerBatch(record.offset(), System.nanoTime());
                    trail.tentatively();
                }
                accept(record.offset(), hashed, screen);
                batch.add(answer.get(), next);
            }
            if (batch != null) {
                commit(batch, consumer);
            }
        }

        /** Remembers a cancel the manager signed, so that the command it names does not start here. */
        private void noteCancel(Read read) {
            if (read.hashed() != null && read.hashed().event().payload() instanceof CommandCancelled cancel
                    && trail.screen(read.hashed()).signature().verified()) {
                LedgerEvent event = read.hashed().event();
                cancels.putIfAbsent(cancel.commandId(), "cancelled by " + event.actor() + " at offset "
                        + read.record().offset() + ": " + cancel.reason());
            }
        }

        private void pause(Duration duration) {
            try {
                Thread.sleep(duration.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Says the node has {@code read}'s task, when it gives this node one. */
        private void delivered(Read read) {
            if (read.hashed() != null) {
                responder.taskFor(read.hashed().event(), read.record().offset())
                        .ifPresent(task -> acks.say(responder.progress(task, NodeStatus.DELIVERED)));
            }
        }

        /**
         * The answer to {@code task}: CANCELLED when a cancel came first, EXPIRED when it is too late to start, else
         * what running it gave. A command still running after a moment says so, says which of {@code queued} it has
         * too, and from then on reads ahead on the ledger for its cancel; the consumer goes back to where it stood.
         */
        private NodeResponse perform(Task task, List<Read> queued) {
            String cancel = cancels.get(task.commandId());
            if (cancel != null) {
                return responder.cancelledBeforeStart(task, cancel);
            }
            Optional<NodeResponse> expired = responder.expired(task);
            if (expired.isPresent()) {
                return expired.get();
            }
            Instant started = trusted.instant();
            long resume = consumer.position(ledger);
            boolean[] watched = {false};
            boolean[] stopping = {false};
            try {
                CommandRunner.Outcome outcome = runner.run(task.commandText(), () -> {
                    if (!watched[0]) {
                        watched[0] = true;
                        acks.say(responder.progress(task, NodeStatus.RUNNING));
                        queued.forEach(this::delivered);
                    }
                    if (stopping[0]) {
                        pause(WATCH_POLL);
                    } else {
                        try {
                            for (ConsumerRecord<byte[], byte[]> ahead : consumer.poll(WATCH_POLL)) {
                                Read read = Read.of(ahead);
                                noteCancel(read);
                                delivered(read);
                            }
                        } catch (WakeupException e) {
                            // a clean stop: the command in hand is finished and answered first, then the loop ends
                            stopping[0] = true;
                        }
                    }
                    return Optional.ofNullable(cancels.get(task.commandId()));
                });
                if (outcome instanceof CommandRunner.Outcome.Stopped stopped) {
                    LOG.info("command stopped commandId={} node={} offset={}: {}", task.commandId(), identity.node(),
                            task.commandOffset(), stopped.cancel());
                }
                return responder.ran(task, started, outcome);
            } finally {
                if (watched[0]) {
                    consumer.seek(ledger, resume);
                }
            }
        }

        /**
         * A record that needs no answer was read: inside a batch its offset rides on the batch's commit, since one
         * committed on its own could pass the batch's commands; before any, it is committed lazily.
         */
        private void readPast(AnswerBatch batch, long next) {
            if (batch == null) {
                offsets.skipped(next);
            } else {
                batch.readPast(next);
            }
        }

        /** Publishes the batch's answers with its offset; false when that aborted and the consumer was sent back. */
        private boolean commit(AnswerBatch batch, Consumer<byte[], byte[]> consumer) {
            // an output longer than the inline cap goes in parts after its answer, in the same transaction
            List<NodeResponse> records = batch.responses().stream()
                    .flatMap(response -> OutputParts.split(response, settings.inlineOutput()).stream()).toList();
            if (!transactions.publish(records, batch.next(), consumer.groupMetadata())) {
                trail.undo();
                consumer.seek(ledger, batch.first());
                return false;
            }
            trail.keep();
            offsets.committed(batch.next());
            for (AnswerBatch.Answer answer : batch.answers()) {
                NodeResponse sent = answer.response();
                if (answer.refused()) {
                    rejectedCount.incrementAndGet();
                    LOG.info("command rejected commandId={} node={} topic={} partition={} offset={} reason={}",
                            sent.commandId(), identity.node(), layout.ledger(), ledger.partition(), sent.ledgerOffset(),
                            sent.output());
                } else {
                    LOG.info("command handled commandId={} node={} offset={} status={}", sent.commandId(),
                            identity.node(), sent.ledgerOffset(), sent.status());
                }
            }
            return true;
        }

        /** Commits the position past records not for this node on its own; an abort is only retried when next due. */
        private void commitOffsets(long next, Consumer<byte[], byte[]> consumer) {
            if (transactions.commitOffsets(next, consumer.groupMetadata())) {
                offsets.committed(next);
            } else {
                offsets.attemptFailed();
            }
        }

        private void commitQuietly(long next) {
            try {
                commitOffsets(next, consumer);
            } catch (RuntimeException e) {
                // fenced by a newer incarnation, most likely: it reads these records again, which is harmless
                LOG.warn("offset commit on stop failed node={} offset={}: {}", identity.node(), next, e.toString());
            }
        }

        /** Takes a genuine event as the last one read, and says so when it handed the ledger to a new manager key. */
        private void accept(long offset, HashedEvent hashed, ManagerTrail.Screen screen) {
            KeyFingerprint before = trail.keys().current();
            trail.accept(offset, hashed, screen);
            if (!trail.keys().current().equals(before)) {
                LOG.info("manager key rotated node={} offset={} from={} to={}", identity.node(), offset, before,
                        trail.keys().current());
            }
        }

        /** The answer to a task for this node, run only once it passed the {@link CommandCheck}. */
        private Optional<AnswerBatch.Answer> screenedAnswer(HashedEvent hashed, ManagerTrail.Screen screen,
                ConsumerRecord<byte[], byte[]> record, List<Read> queued) {
            LedgerEvent event = hashed.event();
            Optional<Task> task = responder.taskFor(event, record.offset());
            if (task.isEmpty()) {
                // not run anyway, so a forged, unsigned or copied one is only worth a warning
                if (screen.signature() instanceof SignatureVerdict.Refused refused) {
                    LOG.warn("ledger event not signed by the manager node={} topic={} partition={} offset={} reason={}",
                            identity.node(), record.topic(), record.partition(), record.offset(), refused.reason());
                } else if (screen.linkMismatch() != null) {
                    LOG.warn("ledger event not in the chain node={} topic={} partition={} offset={} reason={}",
                            identity.node(), record.topic(), record.partition(), record.offset(), screen.linkMismatch());
                }
                return Optional.empty();
            }
            OptionalLong before = Trail.Release.of(event.payload()).map(trail::answeredAt).orElse(OptionalLong.empty());
            Optional<String> refusal = check.refusal(event, screen.signature(), before,
                    Optional.ofNullable(screen.linkMismatch()));
            if (refusal.isPresent()) {
                NodeResponse rejected = responder.rejected(task.get(), record.offset(), refusal.get());
                return Optional.of(new AnswerBatch.Answer(rejected, true));
            }
            return Optional.of(new AnswerBatch.Answer(perform(task.get(), queued), false));
        }

        /**
         * The trail to go on from at {@code start}: from the ledger's start, or rebuilt from one read of the records
         * before it (rotations followed, anchored on a signed checkpoint, a window of command ids remembered).
         */
        private Trail trailBefore(long start, Consumer<byte[], byte[]> consumer) {
            if (start == 0) {
                return new Trail(managerKey, settings.answeredWindow());
            }
            long began = System.nanoTime();
            TrailRebuild rebuild = new TrailRebuild(managerKey, start, settings.answeredWindow());
            consumer.seekToBeginning(List.of(ledger));
            long scanned = 0;
            while (consumer.position(ledger) < start) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(settings.pollTimeout())) {
                    if (record.offset() < start) {
                        rebuild.add(record.offset(), record.value());
                        scanned++;
                    }
                }
            }
            consumer.seek(ledger, start);
            Optional<Trail> rebuilt = rebuild.trail();
            if (rebuilt.isEmpty()) {
                LOG.warn("node agent found no signed event among the last {} before offset={} node={}; the first event "
                        + "the manager key signs anchors the chain", TrailRebuild.ANCHOR_CANDIDATES, start, identity.node());
                return new Trail(rebuild.keys(), settings.answeredWindow(), ManagerTrail.Link.NONE);
            }
            Trail trail = rebuilt.get();
            LOG.info("node agent anchored node={} offset={} anchor={} managerKey={} rotatedAt={} answeredIds={} "
                    + "scanned={} in {} ms", identity.node(), start, trail.previous().offset(), trail.keys().current(),
                    trail.keys().rotatedAt().isPresent() ? trail.keys().rotatedAt().getAsLong() : "never",
                    trail.answeredCount(), scanned, (System.nanoTime() - began) / 1_000_000);
            return trail;
        }

        /**
         * Says the node joined, and on the broker's clock waits for that to be acknowledged: its append time sets the
         * clock before the first command is judged, and a heartbeat follows on that clock. Without an acknowledgement in
         * time, the node's own clock counts until a heartbeat's.
         */
        private void announce() {
            Future<RecordMetadata> sent = say(new MembershipEvent.NodeAnnounced(identity, trusted.instant()));
            if (brokerClock.isEmpty()) {
                return;
            }
            try {
                sent.get(ANNOUNCE_ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // the send's callback said why, when it failed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Optional<BrokerClock.Sample> best = brokerClock.get().best();
            if (best.isPresent()) {
                LOG.info("node clock set to the broker's node={} offsetMs={} errorMs={} ({})", identity.node(),
                        best.get().offset().toMillis(), best.get().error().toMillis(), skew(best.get().offset()));
                // on the first run the announcement was stamped by the node's own clock: say at once when it really is
                say(new MembershipEvent.NodeHeartbeat(identity, trusted.instant()));
            } else {
                LOG.warn("node clock not measured node={}: no acknowledgement of its announcement within {}; its own "
                        + "clock judges deadlines until a heartbeat is acknowledged", identity.node(), ANNOUNCE_ACK_TIMEOUT);
            }
        }

        private Future<RecordMetadata> say(MembershipEvent event) {
            long sentMillis = brokerClock.map(BrokerClock::ownMillis).orElse(0L);
            return membership.send(new ProducerRecord<>(layout.membership(), identity.node(), event), (metadata, error) -> {
                if (error != null) {
                    LOG.warn("membership event {} of node={} not published: {}", event.getClass().getSimpleName(),
                            identity.node(), error.toString());
                } else if (brokerClock.isPresent() && metadata.hasTimestamp()) {
                    // the topic is LogAppendTime: the acknowledgement carries the broker's append time
                    brokerClock.get().sample(sentMillis, metadata.timestamp(), brokerClock.get().ownMillis());
                }
            });
        }

        private void closeQuietly(java.util.function.Consumer<Duration> close, Duration wait) {
            try {
                close.accept(wait);
            } catch (RuntimeException e) {
                LOG.warn("closing a Kafka client of node={} failed", identity.node(), e);
            }
        }
    }

    /** How far the node's own clock is from the broker's, as an operator reads it: {@code clock 600 s ahead}. */
    static String skew(Duration brokerMinusOwn) {
        long millis = brokerMinusOwn.toMillis();
        if (millis == 0) {
            return "clock in step";
        }
        // the broker's time minus the node's: a positive offset means the node's clock is behind
        return String.format(java.util.Locale.ROOT, "clock %.3f s %s", Math.abs(millis) / 1000.0,
                millis > 0 ? "behind" : "ahead");
    }

    /** One ledger record of a poll, decoded, or why it could not be. */
    private record Read(ConsumerRecord<byte[], byte[]> record, HashedEvent hashed, String error) {

        static Read of(ConsumerRecord<byte[], byte[]> record) {
            try {
                return new Read(record, HashedEvent.of(record.value()), null);
            } catch (UndecodableRecordException e) {
                return new Read(record, null, e.getMessage());
            }
        }
    }

    /** How far the node's own clock is off the broker's, when the agent measured it. */
    public Optional<Duration> clockOffset() {
        return brokerClock.flatMap(BrokerClock::best).map(BrokerClock.Sample::offset);
    }

    @Override
    public String toString() {
        return "NodeAgent[" + identity.node() + "@" + identity.subcluster() + "]";
    }
}
