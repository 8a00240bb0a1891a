package io.ecledger.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.configuration.ConfigurationFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.ecledger.api.kafka.KafkaFactory;
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
    void anEmptyMappingIsValidAndRunsTheEmbeddedBroker() throws Exception {
        EcledgerConfiguration config = read("{}\n");

        assertThat(config.getKafka().getBootstrapServers()).isEqualTo(KafkaFactory.EMBEDDED);
        assertThat(config.getClusterName()).isEqualTo("ecledger");
    }

    private AbstractThrowableAssert<?, ? extends Throwable> refusal(String yaml) {
        return assertThatThrownBy(() -> read(yaml)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("eccmgr.yml");
    }

    /** What the {@code server} and {@code check} commands do before anything starts. */
    private EcledgerConfiguration read(String yaml) throws IOException, ConfigurationException {
        Path file = directory.resolve("eccmgr.yml");
        Files.writeString(file, yaml);
        EccmgrApplication application = new EccmgrApplication();
        Bootstrap<EcledgerConfiguration> bootstrap = new Bootstrap<>(application);
        application.initialize(bootstrap);
        ConfigurationFactory<EcledgerConfiguration> factory = bootstrap.getConfigurationFactoryFactory().create(
                EcledgerConfiguration.class, bootstrap.getValidatorFactory().getValidator(), bootstrap.getObjectMapper(), "dw");
        return factory.build(bootstrap.getConfigurationSourceProvider(), file.toString());
    }
}
