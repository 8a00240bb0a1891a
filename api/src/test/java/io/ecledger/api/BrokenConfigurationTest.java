package io.ecledger.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.configuration.ConfigurationException;
import io.ecledger.api.kafka.KafkaFactory;
import io.ecledger.api.testing.ManagerYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The manager's YAML read as {@code eccmgr server FILE} reads it: a broken file stops it with a message naming the field. */
class BrokenConfigurationTest {

    @TempDir
    Path directory;

    @Test
    void anUnknownPropertyIsRefusedByItsPathWithTheNearestKnownName() {
        refusal("kafka:\n  bootstrapServer: localhost:9092\n")
                .hasMessageContaining("Unrecognized field at: kafka.bootstrapServer")
                .hasMessageContaining("Did you mean?")
                .hasMessageContaining("bootstrapServers");
    }

    @Test
    void aValueOfTheWrongTypeIsRefusedByItsPathAndTheTypeExpected() {
        refusal("kafka:\n  embeddedPort: high\n")
                .hasMessageContaining("kafka.embeddedPort")
                .hasMessageContaining("expected: int");
    }

    @Test
    void aNegativePortIsRefusedByItsPathAndTheRuleItBreaks() {
        refusal("kafka:\n  embeddedPort: -1\n")
                .hasMessageContaining("kafka.embeddedPort must be greater than or equal to 1");
    }

    @Test
    void aNegativeServerPortIsRefusedByDropwizardsOwnRule() {
        refusal("server:\n  applicationConnectors:\n    - type: http\n      port: -2025\n")
                .hasMessageContaining("server.applicationConnectors[0].port must be between 1 and 65535");
    }

    @Test
    void aTooShortCommandTimeoutIsRefusedByItsPath() {
        refusal("commandTimeout: 10ms\n")
                .hasMessageContaining("commandTimeout must be greater than or equal to 1 SECONDS");
    }

    @Test
    void aControlListenerWithoutAnySessionIsRefusedByItsPath() {
        refusal("controlListener:\n  maxSessions: 0\n")
                .hasMessageContaining("controlListener.maxSessions must be greater than or equal to 1");
    }

    @Test
    void theShippedYamlCapsControlSessionsAndKeepsKeyedAnswersTenMinutes() throws Exception {
        EcledgerConfiguration shipped = read(Files.readString(Path.of("..", "ops", "conf", "eccmgr.yml")));

        assertThat(shipped.getControlListener().getMaxSessions()).isEqualTo(64);
        assertThat(shipped.getControlListener().getIdempotencyWindow().toMinutes()).isEqualTo(10);
    }

    @Test
    void aKafkaClientPropertyTheLedgerDependsOnIsRefusedNamingItAndWhy() {
        refusal("kafka:\n  clientProperties:\n    security.protocol: SASL_SSL\n    acks: \"1\"\n")
                .hasMessageContaining("kafka.clientProperties")
                .hasMessageContaining("Kafka client property acks cannot be overridden: an operator action is durable"
                        + " only once every in-sync replica has it (acks=all)");
    }

    @Test
    void kafkaClientPropertiesAreReadAsKafkasOwnNamesAndValues() throws Exception {
        EcledgerConfiguration config = read("kafka:\n  clientProperties:\n    security.protocol: SASL_SSL\n"
                + "    sasl.mechanism: SCRAM-SHA-512\n    request.timeout.ms: 45000\n");

        assertThat(config.getKafka().clientOverrides().properties()).containsOnly(
                java.util.Map.entry("security.protocol", "SASL_SSL"),
                java.util.Map.entry("sasl.mechanism", "SCRAM-SHA-512"),
                java.util.Map.entry("request.timeout.ms", "45000"));
    }

    @Test
    void anEmptyMappingIsValidAndRunsTheEmbeddedBroker() throws Exception {
        EcledgerConfiguration config = read("{}\n");

        assertThat(config.getKafka().getBootstrapServers()).isEqualTo(KafkaFactory.EMBEDDED);
        assertThat(config.getClusterName()).isEqualTo("ecledger");
        assertThat(config.getKafka().clientOverrides().properties()).isEmpty();
    }

    private AbstractThrowableAssert<?, ? extends Throwable> refusal(String yaml) {
        return assertThatThrownBy(() -> read(yaml)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("eccmgr.yml");
    }

    /** What the {@code server} and {@code check} commands do before anything starts. */
    private EcledgerConfiguration read(String yaml) throws IOException, ConfigurationException {
        return ManagerYaml.read(directory, yaml);
    }
}
