package io.ecledger.api.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ecledger.api.projection.Migrations;
import io.ecledger.ledger.chain.ChainVerdict;
import io.ecledger.ledger.chain.Checkpoint;
import io.ecledger.ledger.codec.EventCodec;
import io.ecledger.ledger.codec.LedgerHashing;
import io.ecledger.ledger.command.Origin;
import io.ecledger.ledger.event.Events;
import io.ecledger.ledger.event.Hash;
import io.ecledger.ledger.event.LedgerEvent;
import io.ecledger.ledger.kafka.TopicLayout;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The chain monitor on Kafka's MockConsumer and an in-memory H2: no broker. */
class ChainMonitorTest {

    private static final TopicLayout LAYOUT = new TopicLayout("unit");
    private static final TopicPartition LEDGER = new TopicPartition(LAYOUT.ledger(), 0);

    private final Jdbi jdbi = Jdbi.create("jdbc:h2:mem:chain-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
            .installPlugin(new SqlObjectPlugin());
    private final CheckpointDao checkpoints = jdbi.onDemand(CheckpointDao.class);
    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    private ChainMonitor monitor;

    ChainMonitorTest() {
        new Migrations(jdbi, Clock.systemUTC()).migrate();
    }

    @AfterEach
    void stop() {
        if (monitor != null) {
            monitor.stop();
        }
    }

    @Test
    void aBrokenRecordTurnsTheVerdictBrokenAndItStaysBroken() {
        List<byte[]> chain = chain(6);
        start(100);
        deliver(0, chain.subList(0, 3));
        deliver(3, List.of("not a ledger event".getBytes(StandardCharsets.UTF_8)));

        await().until(() -> monitor.verdict() instanceof ChainVerdict.Broken);
        deliver(4, chain.subList(4, 6));
        await().until(() -> consumer.position(LEDGER) == 6);

        ChainVerdict.Broken broken = (ChainVerdict.Broken) monitor.verdict();
        assertThat(broken.offset()).isEqualTo(3);
        assertThat(broken.verifiedEvents()).as("before the break").isEqualTo(3);
        assertThat(broken.verifiedInAll()).as("the genuine events after the break verify too").isEqualTo(5);
        monitor.stop();
        assertThat(monitor.verdict()).isInstanceOf(ChainVerdict.Broken.class);
        assertThat(checkpoints.latest()).as("a broken chain records no checkpoint").isEmpty();
    }

    @Test
    void aCheckpointIsRecordedEveryNVerifiedEventsAndAtTheHeadOnStop() {
        List<byte[]> chain = chain(12);
        start(5);
        for (int offset = 0; offset < chain.size(); offset++) {
            deliver(offset, List.of(chain.get(offset)));
        }

        await().until(() -> monitor.verdict().head().map(Checkpoint::offset).orElse(-1L) == 11);
        assertThat(recorded()).containsExactly(9L, 4L);
        monitor.stop();
        assertThat(recorded()).containsExactly(11L, 9L, 4L);
        assertThat(checkpoints.latest()).contains(new Checkpoint(11, hash(chain.get(11))));
    }

    @Test
    void aStartedMonitorVerifiesOnlyWhatFollowsTheLatestCheckpoint() {
        List<byte[]> chain = chain(8);
        checkpoints.record(new Checkpoint(4, hash(chain.get(4))), Events.T0);
        start(100);
        consumer.schedulePollTask(() -> {
            for (int offset = 0; offset < chain.size(); offset++) {
                consumer.addRecord(new ConsumerRecord<>(LEDGER.topic(), 0, offset, new byte[0], chain.get(offset)));
            }
        });

        await().until(() -> monitor.verdict().head().map(Checkpoint::offset).orElse(-1L) == 7);
        assertThat(monitor.verdict().intact()).isTrue();
        assertThat(monitor.verdict().fromOffset()).isEqualTo(5);
        assertThat(monitor.verdict().verifiedEvents()).isEqualTo(3);
    }

    @Test
    void aSecondBreakAfterTheFirstIsReportedTooAndTheHealthCheckSaysHowMany() {
        List<byte[]> chain = chain(6);
        List<byte[]> ledger = new ArrayList<>(chain);
        ledger.add(2, "not a ledger event".getBytes(StandardCharsets.UTF_8));
        ledger.add(5, forged(Hash.ZERO));
        start(100);
        deliver(0, ledger.subList(0, 4));
        await().until(() -> monitor.verdict() instanceof ChainVerdict.Broken);
        deliver(4, ledger.subList(4, ledger.size()));

        await().until(() -> consumer.position(LEDGER) == ledger.size());
        await().until(() -> ((ChainVerdict.Broken) monitor.verdict()).verifiedInAll() == 6);
        ChainVerdict.Broken broken = (ChainVerdict.Broken) monitor.verdict();
        assertThat(broken.breaks()).extracting(ChainVerdict.Break::offset).containsExactly(2L, 5L);
        assertThat(broken.lastVerified()).contains(new Checkpoint(7, hash(chain.get(5))));
        assertThat(new ChainHealthCheck(monitor).execute()).satisfies(health -> {
            assertThat(health.isHealthy()).isFalse();
            assertThat(health.getMessage()).startsWith("ledger chain broken at offset 2: not a ledger event")
                    .contains("2 broken record(s) at offsets 2, 5", "6 event(s) verified up to offset 7");
        });
    }

    @Test
    void aCheckpointIsNeverLeftAtOrPastABreakFoundAfterTheFact() {
        List<byte[]> chain = chain(6);
        List<byte[]> ledger = new ArrayList<>(chain.subList(0, 4));
        // correctly linked, so it verifies and gets checkpointed until the manager's next event links past it
        ledger.add(forged(hash(chain.get(3))));
        ledger.addAll(chain.subList(4, 6));
        start(1);
        for (int offset = 0; offset < 5; offset++) {
            deliver(offset, List.of(ledger.get(offset)));
        }
        await().until(() -> recorded().contains(4L));

        deliver(5, ledger.subList(5, 7));

        await().until(() -> monitor.verdict() instanceof ChainVerdict.Broken);
        ChainVerdict.Broken broken = (ChainVerdict.Broken) monitor.verdict();
        assertThat(broken.breaks()).extracting(ChainVerdict.Break::offset).containsExactly(4L);
        assertThat(broken.verifiedInAll()).isEqualTo(6);
        assertThat(checkpoints.latest()).contains(new Checkpoint(3, hash(chain.get(3))));
        monitor.stop();
        assertThat(recorded()).as("nothing recorded past the break, on stop either").allMatch(offset -> offset < 4);
    }

    @Test
    void aBlameAfterTheFactMovesToTheForgeryOnceTheNextGenuineEventArrives() {
        List<byte[]> chain = chain(6);
        start(100);
        deliver(0, chain.subList(0, 5));
        // beside the latest event: until the manager's next one comes, either of the two may be the odd one out
        deliver(5, List.of(forged(hash(chain.get(3)))));
        await().until(() -> monitor.verdict() instanceof ChainVerdict.Broken);

        deliver(6, List.of(chain.get(5)));

        await().until(() -> ((ChainVerdict.Broken) monitor.verdict()).offset() == 5);
        assertThat(((ChainVerdict.Broken) monitor.verdict()).breaks()).extracting(ChainVerdict.Break::offset)
                .containsExactly(5L);
        assertThat(new ChainHealthCheck(monitor).execute().getMessage()).contains("1 broken record(s) at offsets 5;");
    }

    private static byte[] forged(Hash previous) {
        LedgerEvent draft = new LedgerEvent(UUID.randomUUID(), Events.T0, "mallory", Origin.CONSOLE, previous, Hash.ZERO,
                Events.broadcast("cluster duravip move 10.0.5.139 to rh52bare"));
        try {
            return EventCodec.LEDGER.encode(draft.withHash(LedgerHashing.contentHash(EventCodec.LEDGER.encode(draft))));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private void start(int checkpointEvery) {
        monitor = new ChainMonitor(checkpoints, () -> consumer, LAYOUT, Clock.systemUTC(), checkpointEvery);
        monitor.start();
    }

    /** One poll that returns {@code values} at offsets from {@code first}. */
    private void deliver(long first, List<byte[]> values) {
        consumer.schedulePollTask(() -> {
            for (int i = 0; i < values.size(); i++) {
                consumer.addRecord(new ConsumerRecord<>(LEDGER.topic(), 0, first + i, new byte[0], values.get(i)));
            }
        });
    }

    private List<Long> recorded() {
        return checkpoints.recent(10).stream().map(Checkpoint::offset).toList();
    }

    private static Hash hash(byte[] record) {
        try {
            return EventCodec.LEDGER.decode(record).hash();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A correctly chained ledger of {@code n} events, encoded as the Ledger appends them. */
    private static List<byte[]> chain(int n) {
        List<byte[]> records = new ArrayList<>();
        Hash previous = Hash.ZERO;
        for (int i = 0; i < n; i++) {
            LedgerEvent draft = new LedgerEvent(UUID.randomUUID(), Events.T0, "alice", Origin.CONSOLE, previous, Hash.ZERO,
                    Events.broadcast("version " + i));
            try {
                byte[] sealed = EventCodec.LEDGER.encode(draft.withHash(LedgerHashing.contentHash(EventCodec.LEDGER.encode(draft))));
                records.add(sealed);
                previous = hash(sealed);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        return records;
    }
}
