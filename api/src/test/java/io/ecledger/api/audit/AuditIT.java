package io.ecledger.api.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ecledger.api.cli.EcledgerMain;
import io.ecledger.api.testing.Cluster;
import io.ecledger.api.testing.ManagerFixture;
import io.ecledger.api.testing.SeededCluster;
import io.ecledger.ledger.kafka.ClientProperties;
import io.ecledger.ledger.kafka.TopicLayout;
import io.ecledger.ledger.testing.KafkaBroker;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBroker.class)
class AuditIT {

    @Test
    void aForgedRecordTurnsTheChainCheckRedAndEveryVerifyNamesItsOffset(KafkaBroker.Handle broker) throws Exception {
        try (Cluster cluster = SeededCluster.fresh(broker).withoutNodes().with("checkpointEvery", "5").start()) {
            ManagerFixture manager = cluster.manager();
            String prefix = cluster.prefix();
            for (int i = 0; i < 12; i++) {
                assertThat(manager.console("flush control cache").statusCode()).isEqualTo(200);
            }
            assertThat(manager.console("audit verify").body())
                    .startsWith("ledger chain intact: 12 event(s) verified from offset 0 to 11");
            assertThat(verify(broker, prefix)).isEqualTo(0);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(manager.get("/v1/audit/checkpoints").body()).contains("\"9:"));
            assertThat(manager.console("audit verify --from-checkpoint").body())
                    .as("only what follows the latest checkpoint is walked").startsWith("ledger chain intact: 2 event(s) verified from offset 10 to 11");

            forge(broker, cluster.layout(), "not a ledger event");
            manager.console("flush control cache");

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(manager.admin("/healthcheck").body())
                    .contains("ledger chain broken at offset 12"));
            assertThat(manager.console("audit verify").body()).startsWith("ledger chain BROKEN at offset 12: not a ledger event");
            assertThat(manager.get("/v1/audit/verify").body()).contains("\"intact\":false", "\"brokenAt\":12");
            assertThat(verify(broker, prefix)).isEqualTo(1);
            assertThat(manager.console("retrieve version").statusCode()).as("the manager keeps serving").isEqualTo(200);
        }
    }

    private static int verify(KafkaBroker.Handle broker, String prefix) {
        StringWriter out = new StringWriter();
        return EcledgerMain.run(new String[] {"verify", "--kafka", broker.bootstrapServers(), "--topic-prefix", prefix},
                new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
    }

    private static void forge(KafkaBroker.Handle broker, TopicLayout layout, String text) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(ClientProperties.ledgerProducer(broker.bootstrapServers(), "forger"))) {
            producer.send(new ProducerRecord<>(layout.ledger(), text.getBytes(StandardCharsets.UTF_8))).get();
        }
    }
}
