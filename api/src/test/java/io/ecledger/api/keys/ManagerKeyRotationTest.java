package io.ecledger.api.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecledger.ledger.codec.EventCodec;
import io.ecledger.ledger.command.Origin;
import io.ecledger.ledger.event.KeyRotated;
import io.ecledger.ledger.event.ResultsFlushed;
import io.ecledger.ledger.kafka.Ledger;
import io.ecledger.ledger.kafka.SkippedRecords;
import io.ecledger.ledger.kafka.TopicLayout;
import io.ecledger.ledger.sign.CurrentManagerKey;
import io.ecledger.ledger.sign.ManagerKey;
import io.ecledger.ledger.sign.ManagerKeyException;
import io.ecledger.ledger.sign.ManagerKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManagerKeyRotationTest {

    private static final TopicLayout LAYOUT = new TopicLayout("unit");

    @TempDir
    Path data;

    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());

    private Ledger ledger(CurrentManagerKey signer) {
        TopicPartition partition = new TopicPartition(LAYOUT.ledger(), 0);
        return new Ledger(producer, () -> {
            MockConsumer<byte[], byte[]> empty = new MockConsumer<>("earliest");
            empty.updateBeginningOffsets(Map.of(partition, 0L));
            empty.updateEndOffsets(Map.of(partition, 0L));
            return empty;
        }, LAYOUT, Clock.systemUTC(), new SkippedRecords(), Duration.ofSeconds(5), signer);
    }

    @Test
    void aRotationIsAKeyRotatedSignedByTheOldKeyAfterWhichTheNewKeySignsAndIsKeptOnDisk() throws Exception {
        ManagerKey old = ManagerKey.loadOrCreate(data);
        CurrentManagerKey signer = new CurrentManagerKey(old, OptionalLong.empty());
        Ledger ledger = ledger(signer);
        ledger.append("alice", Origin.CONSOLE, ResultsFlushed.now());

        long offset = new ManagerKeyRotation(ledger, signer, data).rotate("admin");
        ledger.append("alice", Origin.CONSOLE, ResultsFlushed.now());

        assertThat(offset).isEqualTo(1);
        assertThat(EventCodec.LEDGER.decode(producer.history().get(1).value()).payload())
                .isEqualTo(signer.key().rotationToThis()).isInstanceOf(KeyRotated.class);
        ManagerKeys ring = new ManagerKeys(old.publicKey());
        List<ProducerRecord<byte[], byte[]>> records = producer.history();
        for (int i = 0; i < records.size(); i++) {
            assertThat(ring.accept(i, records.get(i).value()).verified()).as("offset %d", i).isTrue();
        }
        assertThat(ring.current()).isEqualTo(signer.fingerprint()).isNotEqualTo(old.fingerprint());
        assertThat(signer.rotatedAt()).hasValue(1);
        assertThat(ManagerKey.load(data).fingerprint()).isEqualTo(signer.fingerprint());
        assertThat(ManagerKey.rotatedAt(data)).hasValue(1);
        assertThat(ManagerKey.readPublic(data.resolve("manager-key.retired-1.pub.pem"))).isEqualTo(old.publicKey());
        assertThat(data.resolve(ManagerKey.NEXT_PRIVATE_FILE)).doesNotExist();
    }

    @Test
    void appendsRacingARotationAreSignedByTheOldKeyBeforeItAndByTheNewKeyAfterIt() throws Exception {
        ManagerKey old = ManagerKey.loadOrCreate(data);
        CurrentManagerKey signer = new CurrentManagerKey(old, OptionalLong.empty());
        Ledger ledger = ledger(signer);
        CompletableFuture<Void> racing = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 300; i++) {
                ledger.append("alice", Origin.CONSOLE, ResultsFlushed.now());
            }
        });

        new ManagerKeyRotation(ledger, signer, data).rotate("admin");
        racing.join();

        ManagerKeys ring = new ManagerKeys(old.publicKey());
        List<ProducerRecord<byte[], byte[]>> records = producer.history();
        assertThat(records).hasSize(301);
        for (int i = 0; i < records.size(); i++) {
            assertThat(ring.accept(i, records.get(i).value()).verified()).as("offset %d", i).isTrue();
        }
        assertThat(ring.current()).isEqualTo(signer.fingerprint());
    }

    @Test
    void aRotationTheLedgerDoesNotTakeKeepsTheOldKeySigningAndOnDisk() {
        ManagerKey old = ManagerKey.loadOrCreate(data);
        CurrentManagerKey signer = new CurrentManagerKey(old, OptionalLong.empty());
        Ledger ledger = ledger(signer);
        producer.sendException = new KafkaException("broker gone");

        assertThatThrownBy(() -> new ManagerKeyRotation(ledger, signer, data).rotate("admin"))
                .hasMessageContaining("broker gone");

        assertThat(signer.fingerprint()).isEqualTo(old.fingerprint());
        assertThat(ManagerKey.load(data).fingerprint()).isEqualTo(old.fingerprint());
        assertThat(data.resolve(ManagerKey.NEXT_PRIVATE_FILE)).doesNotExist();
        assertThat(ManagerKey.rotatedAt(data)).isEmpty();
    }

    @Test
    void aManagerThatStoppedInTheMiddleOfARotationDoesNotStartAndSaysWhatToCheck() {
        ManagerKey.loadOrCreate(data);
        ManagerKey.generate().saveAsNext(data);

        assertThatThrownBy(() -> ManagerKey.loadOrCreate(data)).isInstanceOf(ManagerKeyException.class)
                .hasMessageContaining("a key rotation was interrupted").hasMessageContaining("KeyRotated");
        assertThat(Files.exists(data.resolve(ManagerKey.PRIVATE_FILE))).isTrue();
    }
}
