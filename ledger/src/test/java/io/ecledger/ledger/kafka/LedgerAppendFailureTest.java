package io.ecledger.ledger.kafka;

import io.ecledger.ledger.testing.SteppingClock;
import static io.ecledger.ledger.event.Events.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.ecledger.ledger.codec.EventCodec;
import io.ecledger.ledger.codec.LedgerHashing;
import io.ecledger.ledger.command.Origin;
import io.ecledger.ledger.event.Events;
import io.ecledger.ledger.event.Hash;
import io.ecledger.ledger.event.LedgerEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** How the ledger keeps its chain when Kafka does not confirm an append: pure logic over MockProducer and MockConsumer. */
class LedgerAppendFailureTest {

    private static final TopicLayout LAYOUT = new TopicLayout("unit");
    private static final TopicPartition LEDGER = new TopicPartition(LAYOUT.ledger(), 0);

    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
    // what the broker holds: the test decides which sends landed
    private final List<byte[]> topic = new ArrayList<>();
    private final AtomicInteger tailReads = new AtomicInteger();
    private final Ledger ledger = new Ledger(producer, this::consumerOverTopic, LAYOUT,
            new SteppingClock(T0), new SkippedRecords(), Duration.ofSeconds(5));

    @Test
    void appendsChainOnTheTailReadOnceAtTheFirstAppend() {
        LedgerEvent first = landed(ledger.appendAsync("alice", Origin.CONSOLE, Events.broadcast("version")));
        LedgerEvent second = landed(ledger.appendAsync("alice", Origin.CONSOLE, Events.broadcast("summary")));

        assertThat(first.prevHash()).isEqualTo(Hash.ZERO);
        assertThat(second.prevHash()).isEqualTo(first.hash());
        assertThat(tailReads).hasValue(1);
    }

    @Test
    void aFailedAppendMakesTheNextAppendChainOnWhatKafkaReallyHolds() {
        LedgerEvent first = landed(ledger.appendAsync("alice", Origin.CONSOLE, Events.broadcast("version")));
        CompletableFuture<LedgerEntry> lost = ledger.appendAsync("alice", Origin.CONSOLE, Events.broadcast("summary"));
        producer.errorNext(new TimeoutException("no broker answered"));

        LedgerEvent third = landed(ledger.appendAsync("bob", Origin.REST, Events.broadcast("version")));

        assertThat(lost).isCompletedExceptionally();
        assertThat(third.prevHash()).isEqualTo(first.hash());
        assertThat(tailReads).hasValue(2);
    }

    @Test
    void aLedgerGivenASignerSealsEveryAppendSoTheManagerKeyVerifiesIt() {
        io.ecledger.ledger.sign.ManagerKey key = io.ecledger.ledger.sign.ManagerKey.generate();
        Ledger signing = new Ledger(producer, this::consumerOverTopic, LAYOUT, new SteppingClock(T0), new SkippedRecords(),
                Duration.ofSeconds(5), key);

        LedgerEvent first = landed(signing.appendAsync("alice", Origin.CONSOLE, Events.broadcast("version")));
        LedgerEvent second = landed(signing.appendAsync("alice", Origin.CONSOLE, Events.configSet()));

        assertThat(first.seal().keyFingerprint()).isEqualTo(key.fingerprint().value());
        for (byte[] record : topic) {
            assertThat(io.ecledger.ledger.sign.SignatureCheck.check(record, key.publicKey()).verified()).isTrue();
        }
        assertThat(second.prevHash()).isEqualTo(first.hash());
    }

    @Test
    void aLedgerWithoutASignerAppendsUnsigned() {
        LedgerEvent event = landed(ledger.appendAsync("alice", Origin.CONSOLE, Events.broadcast("version")));

        assertThat(event.seal()).isEqualTo(io.ecledger.ledger.event.Seal.NONE);
    }

    @Test
    void aSigningLedgerChainsOntoTheLastRecordItSealedNotOntoOneSomeoneElsePutAtTheEnd() {
        io.ecledger.ledger.sign.ManagerKey key = io.ecledger.ledger.sign.ManagerKey.generate();
        Ledger signing = new Ledger(producer, this::consumerOverTopic, LAYOUT, new SteppingClock(T0), new SkippedRecords(),
                Duration.ofSeconds(5), key);
        LedgerEvent genuine = landed(signing.appendAsync("alice", Origin.CONSOLE, Events.broadcast("version")));
        // an outsider's well-formed record linked to it, and garbage after that
        LedgerEvent draft = new LedgerEvent(java.util.UUID.randomUUID(), T0, "mallory", Origin.CONSOLE, genuine.hash(),
                Hash.ZERO, Events.broadcast("shutdown"));
        topic.add(EventCodec.LEDGER.encode(draft.withHash(LedgerHashing.draftHash(EventCodec.LEDGER.encode(draft)))));
        topic.add("garbage".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Ledger restarted = new Ledger(producer, this::consumerOverTopic, LAYOUT, new SteppingClock(T0), new SkippedRecords(),
                Duration.ofSeconds(5), key);

        LedgerEvent next = landed(restarted.appendAsync("alice", Origin.CONSOLE, Events.broadcast("summary")));

        assertThat(next.prevHash()).isEqualTo(genuine.hash());
    }

    @Test
    void aRestartedManagerAfterARotationChainsOntoTheKeyRotatedItsRetiredKeySigned() {
        io.ecledger.ledger.sign.ManagerKey old = io.ecledger.ledger.sign.ManagerKey.generate();
        io.ecledger.ledger.sign.ManagerKey next = io.ecledger.ledger.sign.ManagerKey.generate();
        Ledger before = new Ledger(producer, this::consumerOverTopic, LAYOUT, new SteppingClock(T0), new SkippedRecords(),
                Duration.ofSeconds(5), old);
        LedgerEvent rotated = landed(before.appendAsync("admin", Origin.SYSTEM, next.rotationToThis()));
        Ledger restarted = new Ledger(producer, this::consumerOverTopic, LAYOUT, new SteppingClock(T0), new SkippedRecords(),
                Duration.ofSeconds(5), new io.ecledger.ledger.sign.CurrentManagerKey(next,
                        java.util.OptionalLong.of(0), List.of(old.publicKey())));

        LedgerEvent after = landed(restarted.appendAsync("alice", Origin.CONSOLE, Events.broadcast("summary")));

        assertThat(after.prevHash()).isEqualTo(rotated.hash());
        assertThat(after.seal().keyFingerprint()).isEqualTo(next.fingerprint().value());
    }

    /** Lets the producer confirm the oldest pending send and puts its record on the topic. */
    private LedgerEvent landed(CompletableFuture<LedgerEntry> append) {
        topic.add(producer.history().get(producer.history().size() - 1).value());
        assertThat(producer.completeNext()).isTrue();
        return append.join().event();
    }

    private MockConsumer<byte[], byte[]> consumerOverTopic() {
        tailReads.incrementAndGet();
        return MockTopicReader.over(LEDGER, topic);
    }
}
