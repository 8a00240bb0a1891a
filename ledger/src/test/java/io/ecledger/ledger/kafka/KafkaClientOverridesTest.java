package io.ecledger.ledger.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClientOverridesTest {

    private static final KafkaClientOverrides SASL_SSL = new KafkaClientOverrides(Map.of(
            CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL",
            SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512",
            SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, "/etc/ecledger/truststore.p12",
            CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, "45000"));

    @TempDir
    Path directory;

    @Test
    void securityAndConnectionPropertiesReachTheLedgerProducerTheReadersAndTheAdminClient() {
        List<Properties> all = List.of(
                ClientProperties.ledgerProducer("k:9092", "p", SASL_SSL),
                ClientProperties.reader("k:9092", "r", SASL_SSL),
                ClientProperties.scanReader("k:9092", "s", SASL_SSL),
                ClientProperties.admin("k:9092", "a", SASL_SSL));

        for (Properties props : all) {
            assertThat(props).containsEntry(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL")
                    .containsEntry(SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512")
                    .containsEntry(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, "/etc/ecledger/truststore.p12")
                    .containsEntry(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, "45000")
                    .containsEntry(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "k:9092");
        }
        assertThat(all.get(3)).containsEntry(AdminClientConfig.CLIENT_ID_CONFIG, "a");
    }

    @Test
    void theSettingsTheLedgerDependsOnStayOursUnderOverrides() {
        Properties producer = ClientProperties.ledgerProducer("k:9092", "p", SASL_SSL);
        Properties reader = ClientProperties.reader("k:9092", "r", SASL_SSL);

        assertThat(producer).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        assertThat(reader).containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    }

    @Test
    void withoutOverridesThePropertiesAreThoseOfBefore() {
        assertThat(ClientProperties.ledgerProducer("k:9092", "p", KafkaClientOverrides.none()))
                .isEqualTo(ClientProperties.ledgerProducer("k:9092", "p"));
        assertThat(ClientProperties.scanReader("k:9092", "s", KafkaClientOverrides.none()))
                .isEqualTo(ClientProperties.scanReader("k:9092", "s"));
    }

    @Test
    void everyKeyTheLedgerDependsOnIsRefusedNamingItAndWhy() {
        assertThat(KafkaClientOverrides.REFUSED).containsKeys(ProducerConfig.ACKS_CONFIG,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                ConsumerConfig.GROUP_ID_CONFIG, CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        KafkaClientOverrides.REFUSED.forEach((key, why) ->
                assertThatThrownBy(() -> new KafkaClientOverrides(Map.of(key, "x", "sasl.mechanism", "PLAIN")))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessage("Kafka client property " + key + " cannot be overridden: " + why));
    }

    @Test
    void aRefusedKeyWithSpacesAroundIsStillRefused() {
        assertThatThrownBy(() -> new KafkaClientOverrides(Map.of(" acks ", "1")))
                .hasMessageContaining("acks  cannot be overridden: an operator action is durable only once");
    }

    @Test
    void aPropertyWithoutAValueIsRefusedNamingIt() {
        Map<String, String> empty = new java.util.HashMap<>();
        empty.put("security.protocol", null);

        assertThatThrownBy(() -> new KafkaClientOverrides(empty))
                .hasMessage("Kafka client property security.protocol needs a value");
    }

    @Test
    void aPropertiesFileIsReadAsKafkasOwnToolsReadIt() throws IOException {
        Path file = Files.writeString(directory.resolve("client.properties"), """
                # as for kafka-console-consumer --command-config
                security.protocol=SASL_SSL
                sasl.mechanism=SCRAM-SHA-512
                sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required \\
                    username="ecnode" password="secret";
                """);

        assertThat(KafkaClientOverrides.read(file).properties()).containsOnly(
                Map.entry("security.protocol", "SASL_SSL"),
                Map.entry("sasl.mechanism", "SCRAM-SHA-512"),
                Map.entry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                        + "username=\"ecnode\" password=\"secret\";"));
    }

    @Test
    void aMissingFileIsRefusedNamingIt() {
        Path missing = directory.resolve("nowhere.properties");

        assertThatThrownBy(() -> KafkaClientOverrides.read(missing)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no such file: " + missing);
    }

    @Test
    void aFileSettingARefusedKeyIsRefusedNamingTheFileAndTheKey() throws IOException {
        Path file = Files.writeString(directory.resolve("client.properties"), "isolation.level=read_uncommitted\n");

        assertThatThrownBy(() -> KafkaClientOverrides.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(file + ": Kafka client property isolation.level cannot be overridden: ");
    }
}
