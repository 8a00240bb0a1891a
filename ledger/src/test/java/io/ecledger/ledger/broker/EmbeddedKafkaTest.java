package io.ecledger.ledger.broker;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedKafkaTest {

    @Test
    void aPortOutsideTheTcpRangeIsRefusedBeforeAnythingStarts(@TempDir Path data) {
        assertThatThrownBy(() -> EmbeddedKafka.at(data, 70_000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("broker port must be 0 (any) or 1-65535, was 70000");
    }

    @Test
    void aBrokerNotStartedHasNoAddressAndStopsQuietly(@TempDir Path data) {
        EmbeddedKafka kafka = EmbeddedKafka.at(data);

        kafka.stop();

        assertThat(kafka.isRunning()).isFalse();
        assertThatThrownBy(kafka::bootstrapServers).isInstanceOf(IllegalStateException.class);
    }
}
