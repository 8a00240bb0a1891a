package io.ecledger.ledger.testing;

import static org.awaitility.Awaitility.await;

import io.ecledger.ledger.codec.EventCodec;
import io.ecledger.ledger.codec.LedgerHashing;
import io.ecledger.ledger.command.Origin;
import io.ecledger.ledger.event.Hash;
import io.ecledger.ledger.event.LedgerEvent;
import io.ecledger.ledger.event.Payload;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** An attacker's own Kafka clients: plain producers and consumers with no ecledger code, no key and no signer. */
public final class Outsider {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final String bootstrapServers;

    /** An outsider who can reach the broker at {@code bootstrapServers}. */
    public Outsider(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** Writes {@code value} under {@code key} (null for none) to {@code topic}; returns its offset. */
    public long write(String topic, byte[] key, byte[] value) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            return producer.send(new ProducerRecord<>(topic, key, value)).get().offset();
        }
    }

    /**
     * A plain producer of the outsider's kept open for many writes (no transactions, no signing): one per record would
     * spend most of a flood's time connecting.
     */
    public Writer writer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return new Writer(new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer()));
    }

    /** Where a record of the outsider's went. */
    public record Written(String topic, int partition, long offset) {}

    /** An open producer of the outsider's; see {@link #writer()}. */
    public static final class Writer implements AutoCloseable {

        private final KafkaProducer<byte[], byte[]> producer;

        private Writer(KafkaProducer<byte[], byte[]> producer) {
            this.producer = producer;
        }

        /** Writes {@code value} (null for a tombstone) under {@code key} (null for none) to {@code topic}; returns where. */
        public Written write(String topic, byte[] key, byte[] value) throws Exception {
            org.apache.kafka.clients.producer.RecordMetadata written =
                    producer.send(new ProducerRecord<>(topic, key, value)).get();
            return new Written(written.topic(), written.partition(), written.offset());
        }

        @Override
        public void close() {
            producer.close();
        }
    }

    /** Writes {@code value} under the text key {@code key}, as responses (command id) and membership (node) are keyed. */
    public long write(String topic, String key, byte[] value) throws Exception {
        return write(topic, key.getBytes(StandardCharsets.UTF_8), value);
    }

    /**
     * Writes to the ledger topic {@code ledger} an event carrying {@code payload} as an outsider forges one: hashed
     * right, linked to nothing, signed by nobody; returns its offset.
     */
    public long forge(String ledger, Payload payload) throws Exception {
        LedgerEvent draft = new LedgerEvent(UUID.randomUUID(), Instant.now(), "mallory", Origin.CONSOLE, Hash.ZERO,
                Hash.ZERO, payload);
        byte[] hashed = EventCodec.LEDGER.encode(draft.withHash(LedgerHashing.draftHash(EventCodec.LEDGER.encode(draft))));
        return write(ledger, (byte[]) null, hashed);
    }

    /** The bytes of the record at {@code offset} of {@code topic}'s partition 0, as any reader of the topic gets them. */
    public byte[] read(String topic, long offset) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        TopicPartition partition = new TopicPartition(topic, 0);
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, offset);
            return await().atMost(PATIENCE).until(() -> consumer.poll(Duration.ofMillis(200)).records(partition).stream()
                    .filter(r -> r.offset() == offset).map(ConsumerRecord::value).findFirst().orElse(null),
                    value -> value != null);
        }
    }
}
