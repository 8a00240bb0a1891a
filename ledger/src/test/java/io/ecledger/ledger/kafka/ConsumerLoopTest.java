package io.ecledger.ledger.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ConsumerLoopTest {

    private static final TopicPartition LEDGER = new TopicPartition("t.ledger", 0);

    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    private final Recording body = new Recording();
    private final ConsumerLoop loop = new ConsumerLoop("test-loop", () -> consumer, Duration.ofMillis(10), body);

    @Test
    void handsEveryPolledRecordToTheBodyOnItsOwnThread() {
        loop.start();
        await().until(() -> body.opened);
        consumer.schedulePollTask(() -> consumer.addRecord(record(0)));
        consumer.schedulePollTask(() -> consumer.addRecord(record(1)));

        await().untilAsserted(() -> assertThat(body.offsets).containsExactly(0L, 1L));
        assertThat(body.threads).containsOnly("test-loop");
        loop.stop();
    }

    @Test
    void stopEndsThePollClosesTheBodyCleanlyAndThenTheConsumer() throws Exception {
        loop.start();
        await().until(() -> body.opened);

        loop.stop();

        assertThat(loop.running()).isFalse();
        assertThat(body.closedWith).containsExactly(Optional.empty());
        assertThat(consumer.closed()).isTrue();
        assertThat(loop.failure()).isEmpty();
        assertThat(loop.stopped().get()).isNull();
    }

    @Test
    void aBodyThatThrowsEndsTheLoopAsFailedAndTheFailureIsKept() {
        IllegalStateException boom = new IllegalStateException("H2 is gone");
        body.failOn = 1;
        body.failure = boom;
        loop.start();
        await().until(() -> body.opened);
        consumer.schedulePollTask(() -> consumer.addRecord(record(0)));
        consumer.schedulePollTask(() -> consumer.addRecord(record(1)));

        await().until(() -> loop.stopped().isDone());
        assertThat(loop.failure()).containsSame(boom);
        assertThat(body.closedWith).containsExactly(Optional.of(boom));
        assertThat(body.offsets).containsExactly(0L);
        assertThat(consumer.closed()).isTrue();
        assertThatThrownBy(() -> loop.stopped().get()).isInstanceOf(ExecutionException.class).hasCause(boom);
    }

    @Test
    void aConsumerThatCannotBeMadeFailsTheLoopAndTheBodyIsToldWhy() {
        IllegalStateException noKafka = new IllegalStateException("bootstrap.servers is empty");
        ConsumerLoop unopenable = new ConsumerLoop("test-loop", () -> {
            throw noKafka;
        }, Duration.ofMillis(10), body);

        unopenable.start();

        await().until(() -> unopenable.stopped().isDone());
        assertThat(body.opened).isFalse();
        assertThat(body.closedWith).containsExactly(Optional.of(noKafka));
        assertThat(unopenable.failure()).containsSame(noKafka);
        assertThatThrownBy(() -> unopenable.stopped().get()).hasCause(noKafka);
    }

    @Test
    void aStoppedLoopStartsAgainWithAFreshConsumer() {
        MockConsumer<byte[], byte[]>[] made = newConsumers(2);
        int[] next = {0};
        ConsumerLoop restartable = new ConsumerLoop("test-loop", () -> made[next[0]++], Duration.ofMillis(10), body);
        restartable.start();
        await().until(() -> body.opened);
        restartable.stop();
        body.opened = false;

        restartable.start();
        await().until(() -> body.opened);
        made[1].schedulePollTask(() -> made[1].addRecord(record(7)));

        await().untilAsserted(() -> assertThat(body.offsets).containsExactly(7L));
        assertThat(made[0].closed()).isTrue();
        assertThat(made[1].closed()).isFalse();
        restartable.stop();
    }

    @Test
    void aRunningLoopCannotBeStartedTwice() {
        loop.start();
        await().until(() -> body.opened);

        assertThatThrownBy(loop::start).isInstanceOf(IllegalStateException.class).hasMessage("test-loop is already running");
        loop.stop();
    }

    @SuppressWarnings("unchecked")
    private static MockConsumer<byte[], byte[]>[] newConsumers(int count) {
        MockConsumer<byte[], byte[]>[] consumers = new MockConsumer[count];
        for (int i = 0; i < count; i++) {
            consumers[i] = new MockConsumer<>("earliest");
        }
        return consumers;
    }

    private static ConsumerRecord<byte[], byte[]> record(long offset) {
        return new ConsumerRecord<>(LEDGER.topic(), LEDGER.partition(), offset, null, new byte[0]);
    }

    /** Assigns the ledger partition from 0 and records what the loop gives it. */
    private static final class Recording implements ConsumerLoop.Body {
        volatile boolean opened;
        final List<Long> offsets = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();
        final List<Optional<Throwable>> closedWith = new CopyOnWriteArrayList<>();
        volatile int failOn = -1;
        volatile RuntimeException failure;

        @Override
        public void open(Consumer<byte[], byte[]> consumer) {
            consumer.assign(List.of(LEDGER));
            ((MockConsumer<byte[], byte[]>) consumer).updateBeginningOffsets(Map.of(LEDGER, 0L));
            consumer.seek(LEDGER, 0);
            opened = true;
        }

        @Override
        public void handle(ConsumerRecords<byte[], byte[]> records, Consumer<byte[], byte[]> consumer) {
            for (ConsumerRecord<byte[], byte[]> record : records) {
                if (record.offset() == failOn) {
                    throw failure;
                }
                offsets.add(record.offset());
                threads.add(Thread.currentThread().getName());
            }
        }

        @Override
        public void close(Optional<Throwable> failure) {
            closedWith.add(failure);
        }
    }
}
