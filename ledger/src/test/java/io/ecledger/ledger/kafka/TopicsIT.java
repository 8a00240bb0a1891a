package io.ecledger.ledger.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecledger.ledger.testing.KafkaBroker;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBroker.class)
class TopicsIT {

    private static TopicLayout freshLayout(KafkaBroker.Handle broker) {
        return new TopicLayout(broker.uniquePrefix().replaceAll("\\.+$", ""));
    }

    @Test
    void ensureCreatesTheThreeTopicsAsDesignedAndIsIdempotent(KafkaBroker.Handle broker) throws Exception {
        TopicLayout layout = freshLayout(broker);
        Topics topics = new Topics(broker.admin(), layout, TopicSettings.singleBroker());

        topics.ensure();
        topics.ensure();

        var descriptions = broker.admin()
                .describeTopics(List.of(layout.ledger(), layout.responses(), layout.membership())).allTopicNames().get();
        assertThat(descriptions.get(layout.ledger()).partitions()).hasSize(1);
        assertThat(descriptions.get(layout.responses()).partitions()).hasSize(6);
        assertThat(descriptions.get(layout.membership()).partitions()).hasSize(3);
        assertThat(config(broker, layout.ledger()).get(TopicConfig.RETENTION_MS_CONFIG).value()).isEqualTo("-1");
        assertThat(config(broker, layout.membership()).get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo("compact");
    }

    @Test
    void anExistingLedgerTopicWithSeveralPartitionsIsRefused(KafkaBroker.Handle broker) throws Exception {
        TopicLayout layout = freshLayout(broker);
        broker.admin().createTopics(List.of(new NewTopic(layout.ledger(), 3, (short) 1)
                .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1")))).all().get();

        assertThatThrownBy(() -> new Topics(broker.admin(), layout, TopicSettings.singleBroker()).ensure())
                .isInstanceOf(TopicLayoutException.class)
                .hasMessageContaining("has 3 partitions")
                .hasMessageContaining("exactly 1");
    }

    @Test
    void anExistingLedgerTopicWithFiniteRetentionIsRefused(KafkaBroker.Handle broker) throws Exception {
        TopicLayout layout = freshLayout(broker);
        broker.admin().createTopics(List.of(new NewTopic(layout.ledger(), 1, (short) 1)
                .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "604800000")))).all().get();

        assertThatThrownBy(() -> new Topics(broker.admin(), layout, TopicSettings.singleBroker()).ensure())
                .isInstanceOf(TopicLayoutException.class)
                .hasMessageContaining("finite retention")
                .hasMessageContaining("retention.ms=604800000");
    }

    @Test
    void anExistingCompactedLedgerTopicIsRefused(KafkaBroker.Handle broker) throws Exception {
        TopicLayout layout = freshLayout(broker);
        broker.admin().createTopics(List.of(new NewTopic(layout.ledger(), 1, (short) 1).configs(Map.of(
                TopicConfig.RETENTION_MS_CONFIG, "-1",
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)))).all().get();

        assertThatThrownBy(() -> new Topics(broker.admin(), layout, TopicSettings.singleBroker()).ensure())
                .isInstanceOf(TopicLayoutException.class)
                .hasMessageContaining("cleanup.policy=compact");
    }

    @Test
    void anExistingLedgerTopicWithFewerReplicasThanAskedForIsRefused(KafkaBroker.Handle broker) throws Exception {
        TopicLayout layout = freshLayout(broker);
        new Topics(broker.admin(), layout, TopicSettings.singleBroker()).ensure();

        assertThatThrownBy(() -> new Topics(broker.admin(), layout, TopicSettings.forCluster(3)).ensure())
                .isInstanceOf(TopicLayoutException.class)
                .hasMessageContaining("has 1 replica(s); replication factor 3 was asked for");
    }

    private static Config config(KafkaBroker.Handle broker, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return broker.admin().describeConfigs(List.of(resource)).all().get().get(resource);
    }
}
