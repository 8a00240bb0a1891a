package io.ecledger.node.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.ecledger.ledger.codec.EventCodec;
import io.ecledger.ledger.command.Target;
import io.ecledger.ledger.event.CommandIssued;
import io.ecledger.ledger.event.Events;
import io.ecledger.ledger.event.Hash;
import io.ecledger.ledger.event.LedgerEvent;
import io.ecledger.ledger.event.MembershipEvent;
import io.ecledger.ledger.event.NodeIdentity;
import io.ecledger.ledger.event.NodeResponse;
import io.ecledger.ledger.event.NodeStatus;
import io.ecledger.ledger.event.Payload;
import io.ecledger.ledger.kafka.SkippedRecord;
import io.ecledger.ledger.kafka.SkippedRecords;
import io.ecledger.ledger.kafka.TopicLayout;
import io.ecledger.ledger.sign.ManagerKey;
import io.ecledger.ledger.testing.SteppingClock;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The agent's rules on Kafka's mock clients: what it runs, what it commits, and when it gives up. */
class NodeAgentTest {

    private static final TopicLayout LAYOUT = new TopicLayout("t");
    private static final TopicPartition LEDGER = new TopicPartition(LAYOUT.ledger(), 0);
    private static final NodeIdentity RH52BARE = Events.node("rh52bare", "east");
    private static final String GROUP = NodeAgent.groupId(LAYOUT, "rh52bare");
    private static final ManagerKey MANAGER = ManagerKey.generate();
    // the offset past every record is committed at once, as every agent did before commits were lazy
    private static final AgentSettings EVERY_RECORD = AgentSettings.defaults().withLazyCommits(1, Duration.ofHours(1));

    // the real consumer is built with the node's group id; MockConsumer's own metadata names a dummy group
    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest") {
        @Override
        public ConsumerGroupMetadata groupMetadata() {
            return new ConsumerGroupMetadata(GROUP);
        }

        @Override
        public synchronized void assign(java.util.Collection<TopicPartition> partitions) {
            super.assign(partitions);
            // where the group's last committed transaction left the agent, as the real consumer resumes
            if (committedBeforeStart > 0) {
                seek(LEDGER, committedBeforeStart);
            }
        }
    };
    private long committedBeforeStart;
    private final MockProducer<String, NodeResponse> responses = new MockProducer<>(true, null, new StringSerializer(),
            EventCodec.RESPONSES.serializer());
    private final MockProducer<String, MembershipEvent> membership = new MockProducer<>(true, null,
            new StringSerializer(), EventCodec.MEMBERSHIP.serializer());
    private final MockProducer<String, NodeResponse> progress = new MockProducer<>(true, null, new StringSerializer(),
            EventCodec.RESPONSES.serializer());
    private final CountingExecutor executor = new CountingExecutor();
    private final List<SkippedRecord> skippedRecords = new CopyOnWriteArrayList<>();
    private NodeAgent agent;
    // the events record() made, by offset, and the hash of the last one: the chain the agent checks
    private final Map<Long, byte[]> madeAt = new java.util.HashMap<>();
    private Hash tail = Hash.ZERO;

    @BeforeEach
    void ledgerStartsAtZero() {
        consumer.updateBeginningOffsets(Map.of(LEDGER, 0L));
    }

    @AfterEach
    void stopAgent() {
        if (agent != null) {
            agent.stop();
        }
    }

    /** Awaitility checking at once and every few milliseconds: the mock clients answer without delay. */
    private static ConditionFactory soon() {
        return await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5)).atMost(Duration.ofSeconds(10));
    }

    private NodeAgent start() {
        return start(Events.T0, AgentSettings.defaults());
    }

    private NodeAgent start(Instant now, AgentSettings settings) {
        return start(Clock.fixed(now, ZoneOffset.UTC), settings);
    }

    private NodeAgent start(Clock clock, AgentSettings settings) {
        return start(clock, settings, response -> {});
    }

    private NodeAgent start(Clock clock, AgentSettings settings, ResponseTransactions.BeforeCommit beforeCommit) {
        agent = new NodeAgent(LAYOUT, RH52BARE, MANAGER.publicKey(), executor, clock, settings,
                new SkippedRecords(skippedRecords::add), beforeCommit,
                new AgentClients(() -> consumer, () -> responses, () -> membership, () -> progress));
        agent.start();
        return agent;
    }

    /** Where the agent's consumer will read next, or -1 while its thread has not yet assigned the ledger to it. */
    private long position() {
        synchronized (consumer) {
            return consumer.assignment().contains(LEDGER) ? consumer.position(LEDGER) : -1;
        }
    }

    /** Hands these records to the agent's next poll, as the broker would. */
    @SafeVarargs
    private void nextPoll(ConsumerRecord<byte[], byte[]>... records) {
        consumer.schedulePollTask(() -> List.of(records).forEach(consumer::addRecord));
    }

    /** The manager's event at {@code offset}, linked to the one made before it, as the manager's ledger appends them. */
    private ConsumerRecord<byte[], byte[]> record(long offset, Payload payload) {
        return record(offset, payload, MANAGER);
    }

    /** As {@link #record(long, Payload)}, signed by {@code signer}. */
    private ConsumerRecord<byte[], byte[]> record(long offset, Payload payload, io.ecledger.ledger.sign.Signer signer) {
        byte[] made = madeAt.computeIfAbsent(offset, at -> {
            LedgerEvent event = Events.signedAfter(tail, payload, signer);
            tail = event.hash();
            return EventCodec.LEDGER.encode(event);
        });
        return record(offset, made);
    }

    private static ConsumerRecord<byte[], byte[]> record(long offset, byte[] value) {
        return new ConsumerRecord<>(LEDGER.topic(), LEDGER.partition(), offset, null, value);
    }

    private static Map<String, Map<TopicPartition, OffsetAndMetadata>> committed(long next) {
        return Map.of(GROUP, Map.of(LEDGER, new OffsetAndMetadata(next)));
    }

    private List<NodeResponse> published() {
        return responses.history().stream().map(r -> r.value()).toList();
    }

    @Test
    void aCommandForThisNodeIsRunAndItsResponseCommittedInTheTransactionThatCommitsTheNextOffset() {
        CommandIssued command = Events.broadcast("version");
        start();

        nextPoll(record(5, command));

        soon().untilAsserted(() -> {
            assertThat(responses.consumerGroupOffsetsHistory()).containsExactly(committed(6));
            assertThat(responses.commitCount()).as("one transaction for the response and its offset").isEqualTo(1);
        });
        assertThat(responses.history()).singleElement().satisfies(record -> {
            assertThat(record.topic()).isEqualTo(LAYOUT.responses());
            assertThat(record.key()).isEqualTo(command.commandId().toString());
        });
        assertThat(published()).singleElement().satisfies(r -> {
            assertThat(r.commandId()).isEqualTo(command.commandId());
            assertThat(r.ledgerOffset()).isEqualTo(5);
            assertThat(r.node()).isEqualTo("rh52bare");
            assertThat(r.status()).isEqualTo(NodeStatus.OK);
            assertThat(r.output()).isEqualTo("ran: version");
        });
        assertThat(executor.ran()).containsExactly("version");
    }

    @Test
    void commandsForOtherNodesAreNotRunAndOnlyMoveTheCommittedOffset() {
        start(Events.T0, EVERY_RECORD);

        nextPoll(record(0, Events.unicast("rh52mgr", "version")), record(1, Events.toSubcluster("west", "summary")));

        soon().untilAsserted(() -> assertThat(responses.consumerGroupOffsetsHistory()).containsExactly(committed(2)));
        assertThat(responses.history()).isEmpty();
        assertThat(executor.ran()).isEmpty();
    }

    @Test
    void recordsAroundTheAnswersOfAPollAreCommittedWithThem() {
        start(Events.T0, EVERY_RECORD);

        nextPoll(record(0, Events.unicast("rh52mgr", "version")), record(1, Events.unicast("rh52bare", "summary")),
                record(2, Events.configSet()));

        soon().untilAsserted(() -> assertThat(responses.consumerGroupOffsetsHistory()).containsExactly(committed(3)));
        assertThat(responses.commitCount()).isEqualTo(1);
        assertThat(published()).extracting(NodeResponse::ledgerOffset).containsExactly(1L);
        assertThat(executor.ran()).containsExactly("summary");
    }

    @Test
    void aCommandPastItsDeadlineIsAnsweredExpiredAndNotRun() {
        CommandIssued late = Events.broadcast("summary");
        start(late.deadline().plusSeconds(1), AgentSettings.defaults());

        nextPoll(record(3, late));

        soon().untilAsserted(() -> assertThat(responses.consumerGroupOffsetsHistory()).containsExactly(committed(4)));
        assertThat(published()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(NodeStatus.EXPIRED);
            assertThat(r.ledgerOffset()).isEqualTo(3);
            assertThat(r.output()).startsWith("not run: it had to start by");
        });
        assertThat(executor.ran()).isEmpty();
    }

    @Test
    void anAbortedTransactionSeeksBackSoTheCommandIsReadAndRunAgain() {
        CommandIssued command = Events.broadcast("version");
        responses.commitTransactionException = new KafkaException("the transaction coordinator moved");
        start();

        nextPoll(record(5, command));

        soon().until(() -> executor.ran().size() == 1 && position() == 5);
        assertThat(responses.transactionAborted()).isTrue();
        assertThat(responses.history()).isEmpty();
        assertThat(responses.consumerGroupOffsetsHistory()).isEmpty();

        responses.commitTransactionException = null;
        // the broker hands the command again from where the agent sought back to
        nextPoll(record(5, command));

        soon().untilAsserted(() -> assertThat(responses.consumerGroupOffsetsHistory()).containsExactly(committed(6)));
        assertThat(published()).singleElement().satisfies(r -> {
            assertThat(r.commandId()).isEqualTo(command.commandId());
            assertThat(r.ledgerOffset()).isEqualTo(5);
        });
        assertThat(executor.ran()).containsExactly("version", "version");
    }

    @Test
    void theAnswersToOnePollShareOneTransactionCommittingPastTheLastRecordRead() {
        start();

        nextPoll(record(0, Events.broadcast("version")), record(1, Events.unicast("rh52mgr", "status")),
                record(2, Events.unicast("rh52bare", "summary")), record(3, Events.configSet()));

        soon().untilAsserted(() -> assertThat(responses.consumerGroupOffsetsHistory()).containsExactly(committed(4)));
        assertThat(responses.commitCount()).isEqualTo(1);
        assertThat(agent.transactions()).isEqualTo(1);
        assertThat(published()).extracting(NodeResponse::ledgerOffset).containsExactly(0L, 2L);
    }

    @Test
    void aTransactionCarriesAtMostTheConfiguredNumberOfAnswers() {
        start(Clock.fixed(Events.T0, ZoneOffset.UTC), AgentSettings.defaults().withBatches(2, Duration.ofHours(1)));

        nextPoll(record(0, Events.broadcast("version")), record(1, Events.broadcast("status")),
                record(2, Events.broadcast("summary")));

        soon().untilAsserted(() -> assertThat(responses.consumerGroupOffsetsHistory())
                .containsExactly(committed(2), committed(3)));
        assertThat(published()).extracting(NodeResponse::ledgerOffset).containsExactly(0L, 1L, 2L);
    }

    @Test
    void noCommandStartsOnceTheFirstAnswerWaitingInTheTransactionIsOldEnough() {
        start(Clock.fixed(Events.T0, ZoneOffset.UTC), AgentSettings.defaults().withBatches(100, Duration.ofNanos(1)));

        nextPoll(record(0, Events.broadcast("version")), record(1, Events.broadcast("status")));

        soon().untilAsserted(() -> assertThat(responses.consumerGroupOffsetsHistory())
                .containsExactly(committed(1), committed(2)));
        assertThat(responses.commitCount()).isEqualTo(2);
    }

    @Test
    void anAbortedTransactionOfSeveralAnswersReadsThemAllAgainFromWhereTheTrailStood() {
        responses.commitTransactionException = new KafkaException("the transaction coordinator moved");
        start();

        nextPoll(record(5, Events.broadcast("version")), record(6, Events.broadcast("status")));

        soon().until(() -> executor.ran().size() == 2 && position() == 5);
        assertThat(responses.history()).isEmpty();
        responses.commitTransactionException = null;
        // the same records again: linked as before, and their command ids not yet answered
        nextPoll(record(5, Events.broadcast("version")), record(6, Events.broadcast("status")));

        soon().untilAsserted(() -> assertThat(responses.consumerGroupOffsetsHistory()).containsExactly(committed(7)));
        assertThat(published()).extracting(NodeResponse::status).containsExactly(NodeStatus.OK, NodeStatus.OK);
        assertThat(executor.ran()).containsExactly("version", "status", "version", "status");
    }

    @Test
    void anAbortedTransactionLetsNoOffsetCommitPassItsCommands() {
        AtomicBoolean failOnce = new AtomicBoolean(true);
        start(Clock.fixed(Events.T0, ZoneOffset.UTC), EVERY_RECORD, response -> {
            if (failOnce.getAndSet(false)) {
                throw new KafkaException("the transaction coordinator moved");
            }
        });

        nextPoll(record(0, Events.unicast("rh52mgr", "version")), record(1, Events.broadcast("status")),
                record(2, Events.configSet()));
        soon().until(() -> !failOnce.get() && position() == 1);
        nextPoll(record(1, Events.broadcast("status")), record(2, Events.configSet()));

        soon().untilAsserted(() -> assertThat(responses.consumerGroupOffsetsHistory())
                .containsExactly(committed(1), committed(3)));
        assertThat(published()).extracting(NodeResponse::ledgerOffset).containsExactly(1L);
    }

    @Test
    void anAbortedOffsetsOnlyCommitIsNotRetriedAndTheAgentReadsOn() {
        responses.sendOffsetsToTransactionException = new TimeoutException("the transaction coordinator did not answer");
        start(Events.T0, EVERY_RECORD);

        nextPoll(record(0, Events.unicast("rh52mgr", "version")));

        soon().until(responses::transactionAborted);
        assertThat(consumer.position(LEDGER)).isEqualTo(1);
        assertThat(agent.stopped()).isNotDone();
    }

    @Test
    void aFencedProducerStopsTheAgentWhichCompletesStoppedExceptionally() {
        ProducerFencedException fenced = new ProducerFencedException("a newer incarnation of rh52bare took over");
        responses.commitTransactionException = fenced;
        start();

        nextPoll(record(5, Events.broadcast("version")));

        soon().until(() -> agent.stopped().isDone());
        Throwable crash = catchThrowable(() -> agent.stopped().join());
        assertThat(crash).isInstanceOf(CompletionException.class).cause().isInstanceOf(AgentCrashedException.class);
        assertThat(((AgentCrashedException) crash.getCause()).node()).isEqualTo("rh52bare");
        assertThat(crash.getCause().getCause()).isSameAs(fenced);
        assertThat(responses.history()).isEmpty();
        assertThat(responses.transactionAborted()).as("abandoned as a dead process would, not aborted").isFalse();
        assertThat(responses.closed()).isTrue();
        assertThat(membership.closed()).isTrue();
        assertThat(consumer.closed()).isTrue();
        assertThat(membership.history()).singleElement()
                .satisfies(r -> assertThat(r.value()).isInstanceOf(MembershipEvent.NodeAnnounced.class));
    }

    @Test
    void anAgentWhoseTransactionsCannotStartCrashesBeforeItAnnouncesItselfOrReads() {
        responses.initTransactionException = new ProducerFencedException("a newer incarnation of rh52bare took over");
        start();

        nextPoll(record(0, Events.broadcast("version")));

        soon().until(() -> agent.stopped().isCompletedExceptionally());
        assertThat(membership.history()).isEmpty();
        assertThat(executor.ran()).isEmpty();
        assertThat(responses.closed()).isTrue();
        assertThat(membership.closed()).isTrue();
        assertThat(consumer.closed()).isTrue();
    }

    @Test
    void anUndecodableRecordIsReportedAndSkippedAndTheCommandAfterItAnswered() {
        start();

        nextPoll(record(0, "garbage".getBytes(StandardCharsets.UTF_8)), record(1, Events.unicast("rh52bare", "version")));

        soon().untilAsserted(() -> assertThat(responses.consumerGroupOffsetsHistory()).containsExactly(committed(2)));
        assertThat(skippedRecords).singleElement().satisfies(s -> {
            assertThat(s.topic()).isEqualTo(LEDGER.topic());
            assertThat(s.partition()).isEqualTo(0);
            assertThat(s.offset()).isEqualTo(0);
            assertThat(s.reason()).contains("no C3 01 marker");
        });
        assertThat(published()).extracting(NodeResponse::ledgerOffset).containsExactly(1L);
    }

    @Test
    void anAgentAnnouncesItselfSendsHeartbeatsAndOnACleanStopSaysItLeftAndClosesItsClients() {
        start(Events.T0, AgentSettings.defaults().withHeartbeatInterval(Duration.ofMillis(1)));

        soon().until(() -> membership.history().stream().anyMatch(r -> r.value() instanceof MembershipEvent.NodeHeartbeat));
        agent.stop();

        assertThat(agent.stopped()).isCompleted();
        List<MembershipEvent> said = membership.history().stream().map(r -> r.value()).toList();
        assertThat(said.get(0)).isInstanceOf(MembershipEvent.NodeAnnounced.class);
        assertThat(said.get(said.size() - 1)).isInstanceOf(MembershipEvent.NodeLeft.class);
        assertThat(said).allSatisfy(e -> assertThat(e.identity()).isEqualTo(RH52BARE));
        assertThat(membership.history()).allSatisfy(r -> {
            assertThat(r.topic()).isEqualTo(LAYOUT.membership());
            assertThat(r.key()).isEqualTo("rh52bare");
        });
        assertThat(responses.transactionInitialized()).isTrue();
        assertThat(responses.closed()).isTrue();
        assertThat(membership.closed()).isTrue();
        assertThat(consumer.closed()).isTrue();
    }

    @Test
    void anAgentStartsOnlyOnce() {
        start();

        assertThatThrownBy(agent::start).isInstanceOf(IllegalStateException.class)
                .hasMessage("node agent rh52bare was already started");
    }

    @Test
    void stoppedIsNotCompleteBeforeTheAgentStops() {
        start();

        assertThat(agent.stopped()).isNotDone();
        agent.stop();
        assertThat(agent.stopped()).isCompleted();
    }

    private NodeResponse answerAt(long offset) {
        return published().stream().filter(r -> r.ledgerOffset() == offset).findFirst().orElseThrow();
    }

    @Test
    void aForgedCommandWithACorrectChainLinkButNoSignatureIsRejectedNotRunAndTheNextGenuineCommandRuns() {
        start();
        ConsumerRecord<byte[], byte[]> genuine = record(0, Events.broadcast("version"));
        byte[] forged = TrailTest.forgedAfter(tail, Events.broadcast("shutdown"));

        nextPoll(genuine, record(1, forged), record(2, Events.broadcast("summary")));

        soon().untilAsserted(() -> assertThat(published()).hasSize(3));
        assertThat(answerAt(1).status()).isEqualTo(NodeStatus.REJECTED);
        assertThat(answerAt(1).output()).contains("unsigned");
        assertThat(answerAt(2).status()).isEqualTo(NodeStatus.OK);
        assertThat(executor.ran()).containsExactly("version", "summary");
        assertThat(agent.rejected()).isEqualTo(1);
    }

    @Test
    void aByteCopyOfAnAnsweredCommandIsRejectedAsACopyAndTheNextGenuineCommandRuns() {
        CommandIssued command = Events.broadcast("version");
        start();
        ConsumerRecord<byte[], byte[]> genuine = record(0, command);

        nextPoll(genuine, record(1, genuine.value()), record(2, Events.broadcast("summary")));

        soon().untilAsserted(() -> assertThat(published()).hasSize(3));
        assertThat(answerAt(1).status()).isEqualTo(NodeStatus.REJECTED);
        assertThat(answerAt(1).output()).isEqualTo("not run: copy of command " + command.commandId()
                + " already answered at offset 0");
        assertThat(answerAt(2).status()).isEqualTo(NodeStatus.OK);
        assertThat(executor.ran()).containsExactly("version", "summary");
    }

    @Test
    void aSignedCommandThatDoesNotFollowTheLastGenuineEventIsRejectedSayingWhichEventThatIs() {
        start();
        ConsumerRecord<byte[], byte[]> first = record(0, Events.unicast("rh52mgr", "version"));
        Hash firstHash = tail;
        // signed by the manager, but linked to the start of the ledger: a record moved from elsewhere
        byte[] moved = EventCodec.LEDGER.encode(Events.signed(Events.broadcast("shutdown"), MANAGER));

        nextPoll(first, record(1, moved), record(2, Events.broadcast("summary")));

        soon().untilAsserted(() -> assertThat(published()).hasSize(2));
        assertThat(answerAt(1).status()).isEqualTo(NodeStatus.REJECTED);
        assertThat(answerAt(1).output()).contains("does not follow the ledger event at offset 0 (prevHash " + Hash.ZERO
                + " is not its hash " + firstHash);
        assertThat(executor.ran()).containsExactly("summary");
    }

    @Test
    void anAgentStartingMidLedgerFollowsTheRotationsBeforeItAnchorsOnTheLastSignedEventAndRefusesACopy() {
        ManagerKey next = ManagerKey.generate();
        CommandIssued early = Events.unicast("rh52bare", "version");
        List<ConsumerRecord<byte[], byte[]>> before = List.of(record(0, next.rotationToThis()), record(1, early, next),
                record(2, Events.broadcast("summary"), next));
        byte[] forgedTail = TrailTest.forgedAfter(tail, Events.broadcast("shutdown"));
        committedBeforeStart = 4;
        consumer.schedulePollTask(() -> {
            before.forEach(consumer::addRecord);
            consumer.addRecord(record(3, forgedTail));
        });
        start();

        nextPoll(record(4, before.get(1).value()), record(5, Events.broadcast("status"), next));

        soon().untilAsserted(() -> assertThat(published()).hasSize(2));
        assertThat(answerAt(4).status()).isEqualTo(NodeStatus.REJECTED);
        assertThat(answerAt(4).output()).isEqualTo("not run: copy of command " + early.commandId()
                + " already answered at offset 1");
        assertThat(answerAt(5).status()).isEqualTo(NodeStatus.OK);
        assertThat(executor.ran()).containsExactly("status");
    }

    @Test
    void recordsForOtherNodesCostNoTransactionAndTheirOffsetRidesOnTheNextAnswer() {
        start();

        nextPoll(record(0, Events.unicast("rh52mgr", "version")), record(1, Events.configSet()));
        soon().until(() -> position() == 2);
        assertThat(responses.commitCount()).as("no transaction for records that are not ours").isZero();
        nextPoll(record(2, Events.unicast("rh52bare", "summary")));

        soon().untilAsserted(() -> assertThat(responses.consumerGroupOffsetsHistory()).containsExactly(committed(3)));
        assertThat(responses.commitCount()).isEqualTo(1);
        assertThat(agent.transactions()).isEqualTo(1);
        assertThat(published()).extracting(NodeResponse::ledgerOffset).containsExactly(2L);
    }

    @Test
    void aCleanStopCommitsThePositionReadPastRecordsForOtherNodes() {
        start();

        nextPoll(record(0, Events.unicast("rh52mgr", "version")), record(1, Events.configSet()));
        soon().until(() -> position() == 2);
        agent.stop();

        assertThat(responses.consumerGroupOffsetsHistory()).containsExactly(committed(2));
        assertThat(responses.history()).isEmpty();
    }

    @Test
    void theOffsetPastRecordsForOtherNodesIsCommittedOnItsOwnOnceEveryNOfThemWereRead() {
        start(Events.T0, AgentSettings.defaults().withLazyCommits(3, Duration.ofHours(1)));

        nextPoll(record(0, Events.unicast("rh52mgr", "version")), record(1, Events.unicast("rh52mgr", "summary")));
        soon().until(() -> position() == 2);
        assertThat(responses.consumerGroupOffsetsHistory()).isEmpty();
        nextPoll(record(2, Events.configSet()));

        soon().untilAsserted(() -> assertThat(responses.consumerGroupOffsetsHistory()).containsExactly(committed(3)));
        assertThat(responses.history()).isEmpty();
    }

    @Test
    void theOffsetPastRecordsForOtherNodesIsCommittedOnItsOwnOnceTheIntervalPassedSinceTheFirstOfThem() {
        SteppingClock clock = new SteppingClock(Events.T0);
        start(clock, AgentSettings.defaults().withLazyCommits(1_000, Duration.ofSeconds(10)));

        ConsumerRecord<byte[], byte[]> second = record(1, Events.configSet());
        // poll tasks run on the agent's thread, each after it handled the poll before: the clock steps between polls
        nextPoll(record(0, Events.unicast("rh52mgr", "version")));
        consumer.schedulePollTask(() -> {
            clock.advance(Duration.ofSeconds(9));
            consumer.addRecord(second);
        });
        consumer.schedulePollTask(() -> clock.advance(Duration.ofSeconds(1)));

        // one commit, 10 s after the first record: none at 9 s with the second one, none per record
        soon().untilAsserted(() -> assertThat(responses.consumerGroupOffsetsHistory()).containsExactly(committed(2)));
    }

    @Test
    void aBroadcastThatDoesNotNameThisNodeIsNotRunNorAnsweredYetTheNextCommandFollowsItInTheChain() {
        CommandIssued before = new CommandIssued(UUID.randomUUID(), new Target.Broadcast(),
                "version", List.of("rh52mgr", "rh52bar2"), Events.T0.plusSeconds(30), OptionalLong.empty());
        start();

        nextPoll(record(0, before), record(1, Events.broadcast("summary")));

        soon().untilAsserted(() -> assertThat(published()).hasSize(1));
        assertThat(answerAt(1).status()).isEqualTo(NodeStatus.OK);
        assertThat(executor.ran()).containsExactly("summary");
        assertThat(responses.commitCount()).isEqualTo(1);
        assertThat(responses.consumerGroupOffsetsHistory()).containsExactly(committed(2));
    }

    @Test
    void aForgedBroadcastThatDoesNotNameThisNodeIsNeitherRunNorAnsweredWhileOneNamingItIsRejected() {
        start();
        ConsumerRecord<byte[], byte[]> genuine = record(0, Events.unicast("rh52mgr", "version"));
        byte[] notNamingUs = TrailTest.forgedAfter(tail, new CommandIssued(UUID.randomUUID(),
                new Target.Broadcast(), "shutdown", List.of("rh52mgr"), Events.T0.plusSeconds(30),
                OptionalLong.empty()));
        byte[] namingUs = TrailTest.forgedAfter(tail, Events.broadcast("shutdown"));

        nextPoll(genuine, record(1, notNamingUs), record(2, namingUs), record(3, Events.broadcast("summary")));

        soon().untilAsserted(() -> assertThat(published()).hasSize(2));
        assertThat(published()).extracting(NodeResponse::ledgerOffset).containsExactly(2L, 3L);
        assertThat(answerAt(2).status()).isEqualTo(NodeStatus.REJECTED);
        assertThat(answerAt(3).status()).isEqualTo(NodeStatus.OK);
        assertThat(executor.ran()).containsExactly("summary");
    }

    @Test
    void aCleanStopWhoseOffsetCommitIsFencedByANewerIncarnationStillSaysItLeftAndStopsCleanly() {
        start();
        nextPoll(record(0, Events.unicast("rh52mgr", "version")));
        soon().until(() -> position() == 1);
        responses.sendOffsetsToTransactionException = new ProducerFencedException("a newer incarnation of rh52bare took over");

        agent.stop();

        assertThat(agent.stopped()).isCompleted();
        assertThat(responses.consumerGroupOffsetsHistory()).isEmpty();
        assertThat(membership.history()).last()
                .satisfies(r -> assertThat(r.value()).isInstanceOf(MembershipEvent.NodeLeft.class));
        assertThat(responses.closed()).isTrue();
    }
}
