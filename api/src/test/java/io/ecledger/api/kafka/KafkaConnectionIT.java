package io.ecledger.api.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecledger.ledger.broker.EmbeddedKafkaException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaConnectionIT {

    private static KafkaConnection embeddedOn(int port, Path directory) {
        KafkaFactory factory = new KafkaFactory();
        factory.setEmbeddedPort(port);
        return new KafkaConnection(factory, directory);
    }

    @Test
    void aBrokerStartedEarlyIsReadyWithItsTopicsOnceStartReturns(@TempDir Path directory) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        KafkaConnection kafka = embeddedOn(port, directory);
        kafka.startBrokerEarly();
        try {
            kafka.start();
            assertThat(kafka.admin().listTopics().names().get()).contains(new KafkaFactory().layout().ledger());
        } finally {
            kafka.stop();
        }
    }

    @Test
    void aBrokerThatCannotStartEarlyFailsTheStartWithItsReason(@TempDir Path directory) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            KafkaConnection kafka = embeddedOn(taken.getLocalPort(), directory);
            kafka.startBrokerEarly();

            assertThatThrownBy(kafka::start).isInstanceOf(EmbeddedKafkaException.class)
                    .hasMessageContaining("broker port 127.0.0.1:" + taken.getLocalPort() + " is already in use");
        }
    }
}
