package io.ecledger.node.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecledger.ledger.kafka.KafkaClientOverrides;
import io.ecledger.ledger.kafka.TopicLayout;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class AgentClientsTest {

    private static final TopicLayout LAYOUT = new TopicLayout("t1");
    private static final KafkaClientOverrides MTLS = new KafkaClientOverrides(Map.of(
            CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SSL",
            "ssl.keystore.location", "/etc/ecledger/rh52bare.p12",
            ProducerConfig.RETRY_BACKOFF_MS_CONFIG, "50"));

    @Test
    void theOperatorsPropertiesReachTheLedgerConsumerAndBothProducers() {
        List<Properties> all = List.of(
                AgentClients.ledgerConsumer("k:9092", MTLS, LAYOUT, "rh52bare"),
                AgentClients.responseProducer("k:9092", MTLS, LAYOUT, "rh52bare"),
                AgentClients.membershipProducer("k:9092", MTLS, "rh52bare"));

        for (Properties props : all) {
            assertThat(props).containsEntry(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SSL")
                    .containsEntry("ssl.keystore.location", "/etc/ecledger/rh52bare.p12");
        }
    }

    @Test
    void theNodesTransactionalIdAndGroupStayOursAndOurTuningGivesWayToTheOperators() {
        Properties responses = AgentClients.responseProducer("k:9092", MTLS, LAYOUT, "rh52bare");
        Properties ledger = AgentClients.ledgerConsumer("k:9092", MTLS, LAYOUT, "rh52bare");

        assertThat(responses).containsEntry(ProducerConfig.TRANSACTIONAL_ID_CONFIG, NodeAgent.groupId(LAYOUT, "rh52bare"))
                .containsEntry(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, "50");
        assertThat(ledger).containsEntry(ConsumerConfig.GROUP_ID_CONFIG, NodeAgent.groupId(LAYOUT, "rh52bare"))
                .containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    }
}
