package io.ecledger.ledger.kafka;

import io.ecledger.ledger.testing.SteppingClock;
import static io.ecledger.ledger.event.Events.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecledger.ledger.chain.ChainVerdict;
import io.ecledger.ledger.codec.EventCodec;
import io.ecledger.ledger.codec.LedgerHashing;
import io.ecledger.ledger.command.Origin;
import io.ecledger.ledger.event.CommandIssued;
import io.ecledger.ledger.event.Events;
import io.ecledger.ledger.event.Hash;
import io.ecledger.ledger.event.LedgerEvent;
import io.ecledger.ledger.event.ResultsFlushed;
import io.ecledger.ledger.testing.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBroker.class)
class LedgerIT {

    @Test
    void tenThousandAppendsComeBackInOrderWithConsecutiveOffsetsAndAnUnbrokenChain(KafkaBroker.Handle broker) {
        LedgerFixture fixture = new LedgerFixture(broker);
        List<LedgerEvent> appended = new ArrayList<>();
        try (Ledger ledger = fixture.ledger()) {
            List<CompletableFuture<LedgerEntry>> pending = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                pending.add(ledger.appendAsync("alice", Origin.CONSOLE, Events.broadcast("sieve:sieve1 flush cache " + i)));
            }
            List<LedgerEntry> entries = pending.stream().map(CompletableFuture::join).collect(Collectors.toList());
            entries.forEach(entry -> appended.add(entry.event()));

            assertThat(entries.stream().map(LedgerEntry::offset))
                    .containsExactlyElementsOf(LongStream.range(0, 10_000).boxed().collect(Collectors.toList()));
            List<LedgerEntry> replayed = fixture.replay(ledger);
            assertThat(replayed.stream().map(LedgerEntry::event)).containsExactlyElementsOf(appended);
            assertThat(replayed.get(0).event().prevHash()).isEqualTo(Hash.ZERO);
            for (int i = 1; i < replayed.size(); i++) {
                assertThat(replayed.get(i).event().prevHash()).isEqualTo(replayed.get(i - 1).event().hash());
            }
            assertIntact(ledger.verify(), 10_000);
            assertThat(ledger.endOffset()).isEqualTo(10_000);
        }
    }

    @Test
    void appendReturnsTheOffsetAndReadFromAnOffsetStartsThere(KafkaBroker.Handle broker) {
        LedgerFixture fixture = new LedgerFixture(broker);
        try (Ledger ledger = fixture.ledger()) {
            assertThat(ledger.append("alice", Origin.CONSOLE, Events.broadcast("version"))).isEqualTo(0);
            assertThat(ledger.append("bob", Origin.REST, Events.configSet())).isEqualTo(1);
            assertThat(ledger.append("carol", Origin.CONTROL_LISTENER, ResultsFlushed.now())).isEqualTo(2);

            List<LedgerEntry> fromOne = new ArrayList<>();
            ReadSummary summary = ledger.read(1, fromOne::add);

            assertThat(fromOne).extracting(e -> e.event().actor()).containsExactly("bob", "carol");
            assertThat(summary.delivered()).isEqualTo(2);
            assertThat(summary.nextOffset()).isEqualTo(3);
            assertThat(summary.skipped()).isEmpty();
        }
    }

    @Test
    void aForgedRecordBreaksVerifyAtItsOffsetButReadersGoOn(KafkaBroker.Handle broker) throws Exception {
        LedgerFixture fixture = new LedgerFixture(broker);
        try (Ledger ledger = fixture.ledger()) {
            for (int i = 0; i < 5; i++) {
                ledger.append("alice", Origin.CONSOLE, Events.broadcast("version"));
            }
            // a well-formed event with a self-consistent hash, written around the Ledger
            LedgerEvent forgedDraft = new LedgerEvent(UUID.randomUUID(), T0, "alice", Origin.CONSOLE, Hash.ZERO, Hash.ZERO,
                    Events.broadcast("cluster duravip move 10.0.5.139 to rh52bar2"));
            fixture.forge(EventCodec.LEDGER.encode(
                    forgedDraft.withHash(LedgerHashing.contentHash(EventCodec.LEDGER.encode(forgedDraft)))));
            ledger.append("alice", Origin.CONSOLE, Events.broadcast("version"));

            assertThat(ledger.verify()).isInstanceOfSatisfying(ChainVerdict.Broken.class, broken -> {
                assertThat(broken.offset()).isEqualTo(5);
                assertThat(broken.verifiedEvents()).isEqualTo(5);
            });
            assertThat(fixture.replay(ledger)).hasSize(7);
        }
    }

    @Test
    void aGarbageRecordIsReportedWithItsPlaceAndSkippedAndTheRecordsAfterItAreRead(KafkaBroker.Handle broker)
            throws Exception {
        LedgerFixture fixture = new LedgerFixture(broker);
        try (Ledger ledger = fixture.ledger()) {
            ledger.append("alice", Origin.CONSOLE, Events.broadcast("version"));
            ledger.append("alice", Origin.CONSOLE, Events.broadcast("summary"));
            fixture.forge("{\"not\": \"avro\"}".getBytes(StandardCharsets.UTF_8));
            ledger.append("alice", Origin.CONSOLE, Events.broadcast("sieve:sieve1 flush cache"));

            List<LedgerEntry> read = new ArrayList<>();
            ReadSummary summary = ledger.read(0, read::add);

            assertThat(read).extracting(LedgerEntry::offset).containsExactly(0L, 1L, 3L);
            assertThat(read.get(2).event().payload()).isInstanceOfSatisfying(CommandIssued.class,
                    c -> assertThat(c.commandText()).isEqualTo("sieve:sieve1 flush cache"));
            assertThat(summary.skipped()).singleElement().satisfies(skip -> {
                assertThat(skip.topic()).isEqualTo(fixture.layout.ledger());
                assertThat(skip.partition()).isZero();
                assertThat(skip.offset()).isEqualTo(2);
                assertThat(skip.reason()).contains("not an Avro single-object record");
            });
            assertThat(fixture.skipped.count()).isGreaterThanOrEqualTo(1);
            assertThat(ledger.verify()).isInstanceOfSatisfying(ChainVerdict.Broken.class,
                    broken -> assertThat(broken.offset()).isEqualTo(2));
        }
    }

    @Test
    void readFromATimestampAndReplayFromTheStartReturnExactlyWhatWasAppended(KafkaBroker.Handle broker) {
        LedgerFixture fixture = new LedgerFixture(broker);
        SteppingClock clock = new SteppingClock(T0);
        List<LedgerEvent> appended = new ArrayList<>();
        try (Ledger ledger = fixture.ledger(clock)) {
            for (int i = 0; i < 10; i++) {
                appended.add(ledger.appendAsync("alice", Origin.CONSOLE, Events.broadcast("version " + i)).join().event());
                clock.advance(Duration.ofSeconds(1));
            }

            List<LedgerEntry> since = new ArrayList<>();
            ledger.readFrom(T0.plusMillis(4_500), since::add);
            List<LedgerEntry> afterTheEnd = new ArrayList<>();
            ledger.readFrom(T0.plusSeconds(60), afterTheEnd::add);

            assertThat(since).extracting(LedgerEntry::event).containsExactlyElementsOf(appended.subList(5, 10));
            assertThat(afterTheEnd).isEmpty();
            assertThat(fixture.replay(ledger)).extracting(LedgerEntry::event).containsExactlyElementsOf(appended);
        }
    }

    @Test
    void aNewLedgerOnTheSameTopicContinuesTheChain(KafkaBroker.Handle broker) {
        LedgerFixture fixture = new LedgerFixture(broker);
        try (Ledger first = fixture.ledger()) {
            first.append("alice", Origin.CONSOLE, Events.broadcast("version"));
            first.append("alice", Origin.CONSOLE, Events.broadcast("summary"));
        }
        try (Ledger second = fixture.ledger()) {
            assertThat(second.append("bob", Origin.REST, ResultsFlushed.now())).isEqualTo(2);
            assertIntact(second.verify(), 3);
        }
    }

    @Test
    void aVerifyFromACheckpointWalksOnlyTheEventsAfterIt(KafkaBroker.Handle broker) {
        LedgerFixture fixture = new LedgerFixture(broker);
        try (Ledger ledger = fixture.ledger()) {
            for (int i = 0; i < 5; i++) {
                ledger.append("alice", Origin.CONSOLE, Events.broadcast("version"));
            }
            io.ecledger.ledger.chain.Checkpoint head = ledger.verify().head().orElseThrow();
            for (int i = 0; i < 3; i++) {
                ledger.append("alice", Origin.CONSOLE, Events.broadcast("summary"));
            }

            ChainVerdict fromHead = ledger.verify(head);

            assertIntact(fromHead, 3);
            assertThat(fromHead.fromOffset()).isEqualTo(5);
            assertThat(fromHead.head().orElseThrow().offset()).isEqualTo(7);
        }
    }

    @Test
    void anOversizedEventIsRefusedAndNothingIsAppended(KafkaBroker.Handle broker) {
        LedgerFixture fixture = new LedgerFixture(broker);
        try (Ledger ledger = fixture.ledger()) {
            ledger.append("alice", Origin.CONSOLE, Events.broadcast("version"));
            String huge = "x".repeat(Ledger.MAX_EVENT_BYTES);

            assertThatThrownBy(() -> ledger.append("alice", Origin.CONSOLE, Events.broadcast(huge)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("larger than the ledger's limit");

            assertThat(ledger.append("alice", Origin.CONSOLE, Events.broadcast("summary"))).isEqualTo(1);
            assertIntact(ledger.verify(), 2);
        }
    }

    private static void assertIntact(ChainVerdict verdict, long events) {
        assertThat(verdict.intact()).as("%s", verdict).isTrue();
        assertThat(verdict.verifiedEvents()).isEqualTo(events);
    }
}
