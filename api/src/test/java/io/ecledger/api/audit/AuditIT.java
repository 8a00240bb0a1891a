package io.ecledger.api.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ecledger.api.cli.EcledgerMain;
import io.ecledger.api.testing.Cluster;
import io.ecledger.api.testing.ManagerFixture;
import io.ecledger.api.testing.SeededCluster;
import io.ecledger.ledger.codec.EventCodec;
import io.ecledger.ledger.codec.LedgerHashing;
import io.ecledger.ledger.command.Origin;
import io.ecledger.ledger.event.Events;
import io.ecledger.ledger.event.Hash;
import io.ecledger.ledger.event.LedgerEvent;
import io.ecledger.ledger.kafka.ClientProperties;
import io.ecledger.ledger.kafka.TopicLayout;
import io.ecledger.ledger.testing.KafkaBroker;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Offsets: each manager append is one transaction, so its commit marker takes the offset after it. */
@ExtendWith(KafkaBroker.class)
class AuditIT {

    @Test
    void aForgedRecordTurnsTheChainCheckRedAndEveryVerifyNamesItsOffset(KafkaBroker.Handle broker) throws Exception {
        try (Cluster cluster = SeededCluster.fresh(broker).withoutNodes().with("checkpointEvery", "5").start()) {
            ManagerFixture manager = cluster.manager();
            String prefix = cluster.prefix();
            // twelve events: the manager's policy load at its start, then eleven flushes
            for (int i = 0; i < 11; i++) {
                assertThat(manager.console("flush control cache").statusCode()).isEqualTo(200);
            }
            assertThat(manager.console("audit verify").body())
                    .startsWith("ledger chain intact: 12 event(s) verified from offset 0 to 22");
            assertThat(verify(broker, prefix)).isEqualTo(0);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(manager.get("/v1/audit/checkpoints").body()).contains("\"18:"));
            assertThat(manager.console("audit verify --from-checkpoint").body())
                    .as("only what follows the latest checkpoint is walked").startsWith("ledger chain intact: 2 event(s) verified from offset 19 to 22");

            forge(broker, cluster.layout(), "not a ledger event");
            manager.console("flush control cache");

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(manager.admin("/healthcheck").body())
                    .contains("ledger chain broken at offset 24"));
            assertThat(manager.console("audit verify").body()).startsWith("ledger chain BROKEN at offset 24: not a ledger event");
            assertThat(manager.get("/v1/audit/verify").body()).contains("\"intact\":false", "\"brokenAt\":24");
            assertThat(verify(broker, prefix)).isEqualTo(1);
            assertThat(manager.console("retrieve version").statusCode()).as("the manager keeps serving").isEqualTo(200);
        }
    }

    @Test
    void aSecondForgeryAfterTheFirstIsReportedTooAndTheGenuineEventsAfterEachVerify(KafkaBroker.Handle broker)
            throws Exception {
        try (Cluster cluster = SeededCluster.fresh(broker).withoutNodes().with("checkpointEvery", "5").start()) {
            ManagerFixture manager = cluster.manager();
            // twelve events: the manager's policy load at its start, then eleven flushes
            for (int i = 0; i < 11; i++) {
                assertThat(manager.console("flush control cache").statusCode()).isEqualTo(200);
            }
            forge(broker, cluster.layout(), "not a ledger event");
            manager.console("flush control cache");
            // a well-formed event linked by SHA-256 to the manager's latest one, unsigned
            LedgerEvent draft = new LedgerEvent(UUID.randomUUID(), Instant.now(), "mallory", Origin.CONSOLE,
                    lastHash(broker, cluster.layout()), Hash.ZERO, Events.broadcast("cluster duravip move 10.0.5.139 to rh52bare"));
            forge(broker, cluster.layout(),
                    EventCodec.LEDGER.encode(draft.withHash(LedgerHashing.contentHash(EventCodec.LEDGER.encode(draft)))));
            manager.console("flush control cache");
            manager.console("flush control cache");

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(manager.admin("/healthcheck").body())
                    .contains("ledger chain broken at offset 24", "2 broken record(s) at offsets 24, 27",
                            "15 event(s) verified up to offset 30"));
            assertThat(manager.console("audit verify").body())
                    .startsWith("ledger chain BROKEN at offset 24: not a ledger event")
                    .contains("12 event(s) verified from offset 0 to 22 before it",
                            "2 broken record(s); 15 event(s) verified in all, up to offset 30",
                            "\n  offset 24: not a ledger event",
                            // the manager signs: the walk need not wait for the next event to blame the forgery
                            "\n  offset 27: not signed by the manager key SHA256:");
            assertThat(manager.get("/v1/audit/verify").body()).contains("\"intact\":false", "\"brokenAt\":24",
                    "\"breakCount\":2", "{\"offset\":27,", "\"verifiedInAll\":15");
            assertThat(manager.get("/v1/audit/checkpoints").body()).as("no checkpoint at or past the first break")
                    .doesNotContain("\"24:", "\"25:", "\"27:", "\"28:", "\"30:");
            assertThat(verify(broker, cluster.prefix())).isEqualTo(1);
        }
    }

    /** The hash of the ledger's last record, read as any client that can read the topic would. */
    private static Hash lastHash(KafkaBroker.Handle broker, TopicLayout layout) throws Exception {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        TopicPartition ledger = new TopicPartition(layout.ledger(), 0);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.assign(List.of(ledger));
            long end = consumer.endOffsets(List.of(ledger)).get(ledger);
            // the manager's last append is followed by its commit marker, which takes the last offset
            consumer.seek(ledger, Math.max(0, end - 2));
            List<ConsumerRecord<byte[], byte[]>> last = new ArrayList<>();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).records(ledger).forEach(last::add);
                return !last.isEmpty();
            });
            return EventCodec.LEDGER.decode(last.get(last.size() - 1).value()).hash();
        }
    }

    private static int verify(KafkaBroker.Handle broker, String prefix) {
        StringWriter out = new StringWriter();
        return EcledgerMain.run(new String[] {"verify", "--kafka", broker.bootstrapServers(), "--topic-prefix", prefix},
                new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
    }

    private static void forge(KafkaBroker.Handle broker, TopicLayout layout, String text) throws Exception {
        forge(broker, layout, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void forge(KafkaBroker.Handle broker, TopicLayout layout, byte[] value) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(ClientProperties.ledgerProducer(broker.bootstrapServers(), "forger"))) {
            producer.send(new ProducerRecord<>(layout.ledger(), value)).get();
        }
    }
}
