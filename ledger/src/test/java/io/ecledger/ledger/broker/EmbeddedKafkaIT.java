package io.ecledger.ledger.broker;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.ecledger.ledger.testing.TestClients;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedKafkaIT {

    @Test
    void aBrokerRestartedOnTheSameDirectoryStillHoldsEveryRecord(@TempDir Path data) throws Exception {
        List<String> sent = IntStream.range(0, 200).mapToObj(i -> "record-" + i).toList();
        String before;
        try (EmbeddedKafka kafka = EmbeddedKafka.at(data).start()) {
            before = kafka.bootstrapServers();
            TestClients.createTopic(before, "kept", 3);
            TestClients.produce(before, "kept", sent);
        }

        try (EmbeddedKafka kafka = EmbeddedKafka.at(data).start()) {
            assertThat(kafka.bootstrapServers()).as("the port saved in the data directory").isEqualTo(before);
            assertThat(TestClients.consumeValues(kafka.bootstrapServers(), "kept", sent.size()))
                    .containsExactlyInAnyOrderElementsOf(sent);
        }
    }

    @Test
    void aSecondBrokerOnATakenPortFailsNamingThePort(@TempDir Path first, @TempDir Path second) {
        try (EmbeddedKafka running = EmbeddedKafka.at(first).start()) {
            int port = Integer.parseInt(running.bootstrapServers().substring("127.0.0.1:".length()));

            assertThatThrownBy(() -> EmbeddedKafka.at(second, port).start())
                    .isInstanceOf(EmbeddedKafkaException.class)
                    .hasMessageContaining("127.0.0.1:" + port)
                    .hasMessageContaining("already in use");
            assertThat(running.isRunning()).isTrue();
        }
    }

    @Test
    void stoppingTwiceIsHarmless(@TempDir Path data) {
        EmbeddedKafka kafka = EmbeddedKafka.at(data).start();
        kafka.stop();
        kafka.stop();
        assertThat(kafka.isRunning()).isFalse();
    }

    @Test
    void aSaslUserAddedAfterFormattingLogsInAfterARestartAndAWrongPasswordDoesNot(@TempDir Path data) throws Exception {
        BrokerSecurity first = BrokerSecurity.scram("admin", "admin-secret");
        try (EmbeddedKafka kafka = EmbeddedKafka.at(data, 0, first).start()) {
            assertThat(clusterIdAs(kafka, first.superUserClientProperties())).isNotBlank();
        }

        BrokerSecurity later = first.withUser("later", "later-secret");
        try (EmbeddedKafka kafka = EmbeddedKafka.at(data, 0, later).start()) {
            assertThat(clusterIdAs(kafka, later.clientProperties("later", "later-secret"))).isNotBlank();
            assertThatThrownBy(() -> clusterIdAs(kafka, later.clientProperties("later", "wrong-secret")))
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    private static String clusterIdAs(EmbeddedKafka kafka, Map<String, String> login) throws Exception {
        Map<String, Object> props = new HashMap<>(login);
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            return admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
        }
    }
}
