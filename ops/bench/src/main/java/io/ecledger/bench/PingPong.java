package io.ecledger.bench;

import io.ecledger.ledger.kafka.ClientProperties;
import io.ecledger.ledger.kafka.TopicLayout;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;

/**
 * The raw exactly-once ping-pong floor of a broadcast round trip, with plain Kafka clients on ecledger's topic layout:
 * a transactional producer writes one record to the ledger topic, {@code n} responders (a read_committed consumer of
 * the ledger partition and a transactional producer each, as a node agent has) each answer it in a transaction that
 * also commits the consumer's offset, and the clock stops when a read_committed reader has seen all {@code n} answers.
 */
final class PingPong implements AutoCloseable {

    private static final int ANSWER_BYTES = 200;

    private final TopicLayout layout;
    private final List<Thread> responders = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final KafkaProducer<byte[], byte[]> pinger;
    private final KafkaConsumer<byte[], byte[]> answers;
    private final Map<UUID, Set<String>> answered = new HashMap<>();

    PingPong(String servers, TopicLayout layout, List<TopicPartition> responsePartitions, int n) {
        this.layout = layout;
        for (int i = 0; i < n; i++) {
            String node = String.format("raw%04d", i);
            Thread thread = new Thread(() -> respond(servers, node), "pingpong-" + node);
            thread.setDaemon(true);
            responders.add(thread);
            thread.start();
        }
        pinger = new KafkaProducer<>(ClientProperties.managerProducer(servers, "bench-pinger",
                layout.prefix() + ".pinger", io.ecledger.ledger.kafka.KafkaClientOverrides.none()));
        pinger.initTransactions();
        answers = new KafkaConsumer<>(ClientProperties.reader(servers, "bench-pong-reader"));
        answers.assign(responsePartitions);
        answers.seekToBeginning(responsePartitions);
    }

    /** One ping of {@code size} bytes to every responder; the milliseconds until all {@code n} answers are read. */
    double trip(int size, int n, long deadline) throws TimeoutException {
        UUID ping = UUID.randomUUID();
        byte[] value = new byte[Math.max(16, size)];
        ByteBuffer.wrap(value).putLong(ping.getMostSignificantBits()).putLong(ping.getLeastSignificantBits());
        long t = System.nanoTime();
        pinger.beginTransaction();
        pinger.send(new ProducerRecord<>(layout.ledger(), 0, null, value));
        pinger.commitTransaction();
        while (answered.getOrDefault(ping, Set.of()).size() < n) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(answered.getOrDefault(ping, Set.of()).size() + " of " + n
                        + " raw responders answered in time");
            }
            for (ConsumerRecord<byte[], byte[]> record : answers.poll(Duration.ofMillis(20))) {
                ByteBuffer b = ByteBuffer.wrap(record.value());
                answered.computeIfAbsent(new UUID(b.getLong(), b.getLong()), id -> new HashSet<>())
                        .add(new String(record.key(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        double ms = (System.nanoTime() - t) / 1e6;
        answered.remove(ping);
        return ms;
    }

    private void respond(String servers, String node) {
        String id = layout.prefix() + ".raw." + node;
        Properties consumerProps = ClientProperties.reader(servers, "bench-" + node);
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, id);
        Properties producerProps = ClientProperties.ledgerProducer(servers, "bench-" + node + "-tx");
        producerProps.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, id);
        // as a node agent's response producer: the default 100 ms backoff shows as p99 spikes
        producerProps.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 10);
        TopicPartition ledger = new TopicPartition(layout.ledger(), 0);
        byte[] key = node.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps);
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps)) {
            producer.initTransactions();
            consumer.assign(List.of(ledger));
            while (running.get()) {
                // the same poll timeout as a node agent's (AgentSettings.defaults)
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    byte[] answer = new byte[ANSWER_BYTES];
                    System.arraycopy(record.value(), 0, answer, 0, 16);
                    producer.beginTransaction();
                    producer.send(new ProducerRecord<>(layout.responses(), key, answer));
                    producer.sendOffsetsToTransaction(Map.of(ledger, new OffsetAndMetadata(record.offset() + 1)),
                            consumer.groupMetadata());
                    producer.commitTransaction();
                }
            }
        } catch (InterruptException | WakeupException e) {
            // closing
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread t : responders) {
            t.join(10_000);
        }
        pinger.close();
        answers.close();
    }
}
