package io.ecledger.api.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecledger.api.testing.Cluster;
import io.ecledger.api.testing.ManagerFixture;
import io.ecledger.api.testing.SeededCluster;
import io.ecledger.ledger.sign.KeyFiles;
import io.ecledger.ledger.sign.ManagerKey;
import io.ecledger.ledger.sign.SignatureCheck;
import io.ecledger.ledger.sign.SignatureVerdict;
import io.ecledger.ledger.testing.KafkaBroker;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The manager signs what it appends with the key it publishes, and keeps that key across restarts. */
@ExtendWith(KafkaBroker.class)
class ManagerKeyIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyRecordTheManagerAppendsVerifiesWithTheKeyItPublishesBeforeAndAfterARestart(KafkaBroker.Handle broker)
            throws Exception {
        try (Cluster cluster = SeededCluster.fresh(broker).start()) {
            ManagerFixture manager = cluster.manager();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(manager.console("info").body()).contains("nodes: 3 (3 alive)"));
            JsonNode published = JSON.readTree(manager.get("/v1/keys/manager").body());
            PublicKey key = KeyFiles.parsePublic(published.get("publicKey").asText());
            assertThat(published.get("algorithm").asText()).isEqualTo("Ed25519");
            assertThat(published.get("fingerprint").asText()).isEqualTo(new SignatureCheck(key).fingerprint().value());
            assertThat(manager.console("info").body()).contains("manager key: " + published.get("fingerprint").asText());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    cluster.data().resolve(ManagerKey.PRIVATE_FILE)))).isEqualTo("rw-------");

            manager.console("broadcast version");
            manager.console("flush control cache");
            ManagerFixture restarted = cluster.restartManager();
            restarted.console("subcluster broadcast east summary");

            assertThat(JSON.readTree(restarted.get("/v1/keys/manager").body())).isEqualTo(published);
            List<byte[]> records = ledgerRecords(cluster);
            assertThat(records).hasSizeGreaterThanOrEqualTo(3);
            assertThat(records).allSatisfy(record ->
                    assertThat(SignatureCheck.check(record, key)).isInstanceOf(SignatureVerdict.Verified.class));
            // and not with any other key: the check is not a rubber stamp
            assertThat(SignatureCheck.check(records.get(0), ManagerKey.generate().publicKey()).verified()).isFalse();
        }
    }

    @Test
    void aManagerWhosePrivateKeyIsCorruptDoesNotStartAndSaysWhichFileNorMakesANewKey(KafkaBroker.Handle broker)
            throws Exception {
        try (Cluster cluster = SeededCluster.fresh(broker).withoutNodes().start()) {
            String published = cluster.manager().get("/v1/keys/manager").body();
            cluster.stopManager();
            java.nio.file.Path privateFile = cluster.data().resolve(ManagerKey.PRIVATE_FILE);
            Files.writeString(privateFile, "not a key\n");
            long before = ledgerRecords(cluster).size();

            assertThatThrownBy(cluster::restartManager)
                    .hasStackTraceContaining("cannot read the manager key " + privateFile);
            assertThat(Files.readString(privateFile)).isEqualTo("not a key\n");
            assertThat(ledgerRecords(cluster)).hasSize((int) before);
            assertThat(published).contains("Ed25519");
        }
    }

    /** Every record of the ledger topic, read with a plain consumer as an agent or auditor would. */
    private static List<byte[]> ledgerRecords(Cluster cluster) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        TopicPartition ledger = new TopicPartition(cluster.layout().ledger(), 0);
        List<byte[]> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.assign(List.of(ledger));
            consumer.seekToBeginning(List.of(ledger));
            long end = consumer.endOffsets(List.of(ledger)).get(ledger);
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    records.add(record.value());
                }
                return consumer.position(ledger) >= end;
            });
        }
        return records;
    }
}
