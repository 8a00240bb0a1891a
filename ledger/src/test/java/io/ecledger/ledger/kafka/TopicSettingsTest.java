package io.ecledger.ledger.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicSettingsTest {

    @Test
    void aClusterOfThreeOrMoreGetsThreeReplicasTwoInSync() {
        assertThat(TopicSettings.forCluster(3)).isEqualTo(new TopicSettings((short) 3, 2, 6, 3));
        assertThat(TopicSettings.forCluster(7)).isEqualTo(new TopicSettings((short) 3, 2, 6, 3));
    }

    @Test
    void smallerClustersGetEveryBrokerAsAReplicaAndOneInSync() {
        assertThat(TopicSettings.forCluster(1)).isEqualTo(TopicSettings.singleBroker());
        assertThat(TopicSettings.forCluster(2)).isEqualTo(new TopicSettings((short) 2, 1, 6, 3));
    }

    @Test
    void aClusterWithoutBrokersIsRefused() {
        assertThatThrownBy(() -> TopicSettings.forCluster(0)).hasMessageContaining("at least one broker");
    }
}
