package io.ecledger.ledger.kafka;

import io.ecledger.ledger.testing.SteppingClock;
import static io.ecledger.ledger.event.Events.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ecledger.ledger.codec.EventCodec;
import io.ecledger.ledger.command.Origin;
import io.ecledger.ledger.event.CommandIssued;
import io.ecledger.ledger.event.Events;
import io.ecledger.ledger.event.Hash;
import io.ecledger.ledger.event.LedgerEvent;
import io.ecledger.ledger.sign.ManagerKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** The manager's ledger as one transactional writer: each append a transaction, and fenced for good once another took over. */
class LedgerFencingTest {

    private static final TopicLayout LAYOUT = new TopicLayout("unit");
    private static final TopicPartition LEDGER = new TopicPartition(LAYOUT.ledger(), 0);

    private final ManagerKey key = ManagerKey.generate();
    // what the broker holds, in offset order: committed appends and what a forger put there
    private final List<byte[]> topic = new ArrayList<>();
    // when set, the next commit waits for it: a transaction in flight while other appends arrive
    private volatile CountDownLatch holdNextCommit;
    private final CountDownLatch commitHeld = new CountDownLatch(1);
    // when set, the next commit times out with its records unwritten: the coordinator did not answer in time
    private volatile boolean timeOutNextCommit;
    private final MockProducer<byte[], byte[]> producer = producer();
    private final Ledger ledger = manager(producer);

    @Test
    void theManagersTransactionalIdIsFixedPerTopicPrefix() {
        assertThat(LAYOUT.managerTransactionalId()).isEqualTo("unit.manager");
        assertThat(ledger.transactionalId()).isEqualTo("unit.manager");
        assertThat(ClientProperties.managerProducer("localhost:9092", "c", LAYOUT.managerTransactionalId(),
                KafkaClientOverrides.none())).containsEntry("transactional.id", "unit.manager");
    }

    @Test
    void everyAppendIsOneTransactionCommittedBeforeItReturns() {
        ledger.takeOver();
        long first = append("version");
        long second = append("summary");

        assertThat(producer.transactionInitialized()).isTrue();
        assertThat(producer.commitCount()).isEqualTo(2);
        assertThat(producer.history()).hasSize(2);
        assertThat(List.of(first, second)).containsExactly(0L, 1L);
        assertThat(ledger.fenced()).isEmpty();
    }

    @Test
    void appendsMadeWhileATransactionCommitsShareTheNextOneInOrderAndChained() throws Exception {
        ledger.takeOver();
        CountDownLatch release = new CountDownLatch(1);
        holdNextCommit = release;
        List<Long> offsets = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread first = appending("version", offsets);
        commitHeld.await();
        Thread second = appending("summary", offsets);
        await().until(() -> second.getState() == Thread.State.WAITING);
        Thread third = appending("cluster membership", offsets);
        // waiting for the first append's commit to end, not on the writer's lock
        await().until(() -> third.getState() == Thread.State.WAITING);
        release.countDown();
        for (Thread t : List.of(first, second, third)) {
            t.join(Duration.ofSeconds(10).toMillis());
        }

        assertThat(offsets).containsExactlyInAnyOrder(0L, 1L, 2L);
        assertThat(producer.commitCount()).as("the first alone, the two that waited in one").isEqualTo(2);
        assertThat(List.of(event(0), event(1), event(2))).extracting(e -> ((CommandIssued) e.payload()).commandText())
                .containsExactly("version", "summary", "cluster membership");
        assertThat(event(1).prevHash()).isEqualTo(event(0).hash());
        assertThat(event(2).prevHash()).isEqualTo(event(1).hash());
    }

    @Test
    void everyOneOfManyConcurrentSendersIsAppendedOnceAndChained() throws Exception {
        ledger.takeOver();
        List<Long> offsets = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Thread> senders = new java.util.ArrayList<>();
        for (int t = 0; t < 50; t++) {
            senders.add(new Thread(() -> {
                for (int i = 0; i < 20; i++) {
                    offsets.add(append("version"));
                }
            }, "sender " + t));
        }
        senders.forEach(Thread::start);
        for (Thread t : senders) {
            t.join(Duration.ofSeconds(30).toMillis());
            assertThat(t.isAlive()).as(t.getName() + " still waiting").isFalse();
        }

        assertThat(offsets).hasSize(1_000).doesNotHaveDuplicates().allMatch(o -> o >= 0 && o < 1_000);
        for (int o = 1; o < 1_000; o++) {
            assertThat(event(o).prevHash()).as("event %d links to %d", o, o - 1).isEqualTo(event(o - 1).hash());
        }
    }

    @Test
    void appendsMadeTogetherShareOneTransactionInTheirOrder() throws Exception {
        List<LedgerEntry> entries = ledger.appendAll("alice", Origin.CONSOLE,
                List.of(Events.broadcast("version"), Events.broadcast("summary"), Events.broadcast("cluster membership")));

        assertThat(entries).extracting(LedgerEntry::offset).containsExactly(0L, 1L, 2L);
        assertThat(producer.commitCount()).isEqualTo(1);
        assertThat(event(1).prevHash()).isEqualTo(event(0).hash());
        assertThat(event(2).prevHash()).isEqualTo(event(1).hash());
        assertThat(entries).extracting(e -> e.event().eventId())
                .containsExactly(event(0).eventId(), event(1).eventId(), event(2).eventId());
    }

    private Thread appending(String text, List<Long> offsets) {
        Thread thread = new Thread(() -> offsets.add(append(text)), "append " + text);
        thread.start();
        return thread;
    }

    @Test
    void aSendRefusedForAnOldEpochFencesTheLedgerAndEveryLaterAppendIsRefusedWithoutSending() {
        append("version");
        producer.sendException = new InvalidProducerEpochException("producer epoch 0 is older than 1");

        assertThatThrownBy(() -> append("summary"))
                .isInstanceOf(LedgerFencedException.class).hasMessage("another manager has taken over the ledger");
        // even were Kafka to take it, a fenced ledger does not try
        producer.sendException = null;
        assertThatThrownBy(() -> append("version"))
                .isInstanceOf(LedgerFencedException.class).hasMessage(LedgerFencedException.MESSAGE);

        assertThat(producer.history()).hasSize(1);
        assertThat(producer.uncommittedRecords()).isEmpty();
        assertThat(producer.closed()).isTrue();
        assertThat(ledger.fenced()).hasValueSatisfying(f -> assertThat(f.transactionalId()).isEqualTo("unit.manager"));
    }

    @Test
    void aCommitRefusedAsFencedFencesTheLedgerAndNothingMoreIsCommitted() {
        append("version");
        producer.commitTransactionException = new ProducerFencedException("there is a newer producer with the same id");

        assertThatThrownBy(() -> append("summary")).isInstanceOf(LedgerFencedException.class);
        producer.commitTransactionException = null;
        assertThatThrownBy(() -> append("version")).isInstanceOf(LedgerFencedException.class);
        assertThatThrownBy(() -> ledger.appendAsync("bob", Origin.REST, Events.configSet()))
                .isInstanceOf(LedgerFencedException.class);

        assertThat(producer.commitCount()).isEqualTo(1);
        assertThat(producer.history()).hasSize(1);
        assertThat(ledger.fenced()).isPresent();
    }

    @Test
    void aProducerFencedBeforeItsFirstAppendAppendsNothing() {
        ledger.takeOver();
        producer.fenceProducer();

        assertThatThrownBy(() -> append("version")).isInstanceOf(LedgerFencedException.class);

        assertThat(producer.history()).isEmpty();
        assertThat(ledger.fenced()).isPresent();
    }

    @Test
    void aCommitThatFailsForAnotherReasonAbortsAndTheNextAppendGoesOn() throws Exception {
        append("version");
        producer.commitTransactionException = new KafkaException("the broker went away");

        assertThatThrownBy(() -> append("summary"))
                .isInstanceOf(LedgerUnavailableException.class).isNotInstanceOf(LedgerFencedException.class);
        assertThat(producer.transactionAborted()).isTrue();
        producer.commitTransactionException = null;
        append("version");

        assertThat(ledger.fenced()).isEmpty();
        assertThat(event(1).prevHash()).isEqualTo(event(0).hash());
    }

    @Test
    void aManagerOpeningALedgerWhoseTailAForgerSignedChainsOntoItsOwnLastEvent() throws Exception {
        append("version");
        append("summary");
        Ledger forger = new Ledger(producer(), this::consumerOverTopic, LAYOUT, new SteppingClock(T0), new SkippedRecords(),
                Duration.ofSeconds(5), ManagerKey.generate());
        forger.append("mallory", Origin.REST, Events.broadcast("shutdown"));
        forger.append("mallory", Origin.REST, Events.broadcast("shutdown"));
        topic.add("garbage".getBytes());
        assertThat(event(3).prevHash()).isEqualTo(event(2).hash());

        MockProducer<byte[], byte[]> restarted = producer();
        Ledger again = manager(restarted);
        again.append("alice", Origin.CONSOLE, Events.broadcast("version"));

        LedgerEvent appended = EventCodec.LEDGER.decode(restarted.history().get(0).value());
        assertThat(appended.prevHash()).isEqualTo(event(1).hash());
    }

    @Test
    void aLedgerWithNoEventTheManagerSignedIsNotChainedOntoTheManagersEventsGoOnFromTheZeroHash() throws Exception {
        Ledger unsigned = new Ledger(producer(), this::consumerOverTopic, LAYOUT, new SteppingClock(T0),
                new SkippedRecords(), Duration.ofSeconds(5));
        unsigned.append("alice", Origin.CONSOLE, Events.broadcast("version"));
        unsigned.append("alice", Origin.CONSOLE, Events.broadcast("summary"));

        append("version");

        // unsigned records are anyone's: agents refuse what follows one, so the manager never extends them
        assertThat(event(2).prevHash()).isEqualTo(Hash.ZERO);
    }

    @Test
    void aCommitThatTimesOutIsNeitherAcceptedNorRefusedAndTheNextAppendFinishesIt() throws Exception {
        ledger.takeOver();
        append("version");
        timeOutNextCommit = true;

        assertThatThrownBy(() -> append("summary")).isInstanceOf(LedgerOutcomeUnknownException.class)
                .hasMessageContaining("the ledger may yet take").hasMessageContaining("look the command up by its id");
        assertThat(topic).hasSize(1);

        append("config reload");

        // the timed-out transaction was committed, not aborted: it is on the ledger, once, before the next append
        assertThat(producer.transactionAborted()).isFalse();
        assertThat(topic).hasSize(3);
        assertThat(List.of(0, 1, 2)).extracting(offset -> ((CommandIssued) event(offset).payload()).commandText())
                .containsExactly("version", "summary", "config reload");
        // and the chain goes on from it: the next append was sealed after the late commit, not before
        assertThat(event(2).prevHash()).isEqualTo(event(1).hash());
    }

    private long append(String text) {
        return ledger.append("alice", Origin.CONSOLE, Events.broadcast(text));
    }

    private LedgerEvent event(int offset) throws Exception {
        return EventCodec.LEDGER.decode(topic.get(offset));
    }

    private Ledger manager(MockProducer<byte[], byte[]> producer) {
        return Ledger.transactional(producer, this::consumerOverTopic, LAYOUT, new SteppingClock(T0), new SkippedRecords(),
                Duration.ofSeconds(5), key);
    }

    /** A producer whose committed (or, outside a transaction, sent) records land on the topic at once. */
    private MockProducer<byte[], byte[]> producer() {
        return new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()) {
            private int landed;

            @Override
            public synchronized void commitTransaction() {
                if (timeOutNextCommit) {
                    timeOutNextCommit = false;
                    throw new org.apache.kafka.common.errors.TimeoutException("Timeout expired while awaiting EndTxn(true)");
                }
                CountDownLatch hold = holdNextCommit;
                if (hold != null) {
                    holdNextCommit = null;
                    commitHeld.countDown();
                    try {
                        hold.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                super.commitTransaction();
                land();
            }

            @Override
            public synchronized java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata> send(
                    org.apache.kafka.clients.producer.ProducerRecord<byte[], byte[]> record,
                    org.apache.kafka.clients.producer.Callback callback) {
                var sent = super.send(record, callback);
                if (!transactionInitialized()) {
                    land();
                }
                return sent;
            }

            private void land() {
                for (; landed < history().size(); landed++) {
                    topic.add(history().get(landed).value());
                }
            }
        };
    }

    private MockConsumer<byte[], byte[]> consumerOverTopic() {
        return MockTopicReader.over(LEDGER, topic);
    }
}
