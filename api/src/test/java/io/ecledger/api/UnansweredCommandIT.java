package io.ecledger.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ecledger.api.testing.Cluster;
import io.ecledger.api.testing.ManagerFixture;
import io.ecledger.api.testing.SeededCluster;
import io.ecledger.ledger.event.NodeIdentity;
import io.ecledger.ledger.testing.KafkaBroker;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBroker.class)
class UnansweredCommandIT {

    @Test
    void aNodeThatNeverAnswersIsPendingThenTimedOut(KafkaBroker.Handle broker) throws Exception {
        try (Cluster cluster = SeededCluster.fresh(broker).withoutNodes().start()) {
            ManagerFixture manager = cluster.manager();
            cluster.announceWithoutAgent(new NodeIdentity("ghost", "east", "ghost.example.com", "0.1.0"));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(manager.console("show cluster membership").body()).contains("ghost"));

            assertThat(manager.console("unicast ghost version").statusCode()).isEqualTo(200);

            assertThat(manager.console("retrieve_node ghost version").body()).contains("ghost (east): pending");
            // the test configuration gives nodes 5 s to answer
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(manager.console("retrieve_node ghost version").body()).contains("ghost (east): undelivered"));
        }
    }
}
