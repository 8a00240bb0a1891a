package io.ecledger.ledger.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecledger.ledger.chain.ChainVerdict;
import io.ecledger.ledger.codec.EventCodec;
import io.ecledger.ledger.codec.LedgerHashing;
import io.ecledger.ledger.command.Origin;
import io.ecledger.ledger.event.Events;
import io.ecledger.ledger.event.Hash;
import io.ecledger.ledger.event.LedgerEvent;
import io.ecledger.ledger.sign.ManagerKey;
import io.ecledger.ledger.testing.KafkaBroker;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two managers on one broker: the second fences the first, and the chain never forks. */
@ExtendWith(KafkaBroker.class)
class LedgerOneWriterIT {

    private final ManagerKey key = ManagerKey.generate();

    @Test
    void aSecondManagerOnTheSamePrefixFencesTheFirstAndGoesOnFromItsLastEvent(KafkaBroker.Handle broker) {
        LedgerFixture fixture = new LedgerFixture(broker);
        try (Ledger first = manager(fixture); Ledger second = manager(fixture)) {
            first.takeOver();
            first.append("alice", Origin.CONSOLE, Events.broadcast("version"));
            long lastOfFirst = first.append("alice", Origin.CONSOLE, Events.broadcast("summary"));

            second.takeOver();

            assertThatThrownBy(() -> first.append("alice", Origin.CONSOLE, Events.broadcast("shutdown")))
                    .isInstanceOf(LedgerFencedException.class).hasMessage("another manager has taken over the ledger");
            assertThat(first.fenced()).isPresent();
            long firstOfSecond = second.append("bob", Origin.REST, Events.broadcast("version"));
            second.append("bob", Origin.REST, Events.broadcast("summary"));
            assertThatThrownBy(() -> first.append("alice", Origin.CONSOLE, Events.broadcast("shutdown")))
                    .isInstanceOf(LedgerFencedException.class);

            List<LedgerEntry> entries = fixture.replay(second);
            assertThat(entries).extracting(e -> e.event().actor()).containsExactly("alice", "alice", "bob", "bob");
            LedgerEntry chainedOn = entries.stream().filter(e -> e.offset() == firstOfSecond).findFirst().orElseThrow();
            assertThat(chainedOn.event().prevHash()).isEqualTo(entries.get(1).event().hash());
            assertThat(entries.get(1).offset()).isEqualTo(lastOfFirst);
            // every commit leaves a marker: the offsets have gaps, and none of them is a break
            assertThat(second.endOffset()).isGreaterThan(entries.size());
            assertIntact(second.verify(), 4);
        }
    }

    @Test
    void aLedgerWrittenWithoutTransactionsVerifiesIntactWithTheManagersTransactionalEventsAfterIt(
            KafkaBroker.Handle broker) {
        LedgerFixture fixture = new LedgerFixture(broker);
        try (Ledger before = Ledger.open(broker.bootstrapServers(), fixture.layout, fixture.skipped, key)) {
            for (int i = 0; i < 5; i++) {
                before.append("alice", Origin.CONSOLE, Events.broadcast("version " + i));
            }
        }
        try (Ledger manager = manager(fixture)) {
            manager.takeOver();
            manager.append("bob", Origin.REST, Events.broadcast("summary"));
            manager.append("bob", Origin.REST, Events.configSet());

            List<LedgerEntry> entries = fixture.replay(manager);
            assertThat(entries).hasSize(7);
            assertThat(entries.get(5).event().prevHash()).isEqualTo(entries.get(4).event().hash());
            assertIntact(manager.verify(), 7);
        }
    }

    @Test
    void anAbortedTransactionOnTheLedgerIsNeitherReadNorABreak(KafkaBroker.Handle broker) throws Exception {
        LedgerFixture fixture = new LedgerFixture(broker);
        try (Ledger manager = manager(fixture)) {
            manager.append("alice", Origin.CONSOLE, Events.broadcast("version"));
            Properties props = ClientProperties.ledgerProducer(broker.bootstrapServers(), "aborter");
            props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "not-the-manager-" + UUID.randomUUID());
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(fixture.layout.ledger(), "never committed".getBytes())).get();
                producer.abortTransaction();
            }
            manager.append("alice", Origin.CONSOLE, Events.broadcast("summary"));

            assertThat(fixture.replay(manager)).hasSize(2);
            assertThat(fixture.skipped.count()).isZero();
            assertIntact(manager.verify(), 2);
        }
    }

    @Test
    void aManagerOpeningALedgerWhoseTailAnOutsiderWroteChainsOntoItsOwnLastEvent(KafkaBroker.Handle broker)
            throws Exception {
        LedgerFixture fixture = new LedgerFixture(broker);
        Hash own;
        try (Ledger manager = manager(fixture)) {
            manager.append("alice", Origin.CONSOLE, Events.broadcast("version"));
            own = fixture.replay(manager).get(0).event().hash();
        }
        // an outsider's plain producer: a well-formed event with a correct SHA-256 link, signed by no one
        LedgerEvent draft = new LedgerEvent(UUID.randomUUID(), Events.T0, "mallory", Origin.REST, own, Hash.ZERO,
                Events.broadcast("shutdown"));
        fixture.forge("garbage".getBytes());
        fixture.forge(EventCodec.LEDGER.encode(draft.withHash(LedgerHashing.contentHash(EventCodec.LEDGER.encode(draft)))));

        try (Ledger restarted = manager(fixture)) {
            restarted.append("alice", Origin.CONSOLE, Events.broadcast("summary"));

            List<LedgerEntry> entries = fixture.replay(restarted);
            assertThat(entries).extracting(e -> e.event().actor()).containsExactly("alice", "mallory", "alice");
            assertThat(entries.get(2).event().prevHash()).isEqualTo(own);
            ChainVerdict verdict = restarted.verify();
            assertThat(verdict).isInstanceOf(ChainVerdict.Broken.class);
            // the forgery and the garbage are the breaks, not the manager's own event after them
            assertThat(((ChainVerdict.Broken) verdict).breaks()).extracting(ChainVerdict.Break::offset)
                    .containsExactly(entries.get(0).offset() + 2, entries.get(1).offset());
        }
    }

    private Ledger manager(LedgerFixture fixture) {
        return Ledger.openManager(fixture.broker.bootstrapServers(), KafkaClientOverrides.none(), fixture.layout,
                fixture.skipped, key);
    }

    private static void assertIntact(ChainVerdict verdict, long events) {
        assertThat(verdict).isInstanceOf(ChainVerdict.Intact.class);
        assertThat(verdict.verifiedEvents()).isEqualTo(events);
    }
}
