package io.ecledger.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ecledger.api.testing.Cluster;
import io.ecledger.api.testing.ManagerFixture;
import io.ecledger.api.testing.SeededCluster;
import io.ecledger.ledger.testing.KafkaBroker;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBroker.class)
class ShutdownIT {

    @Test
    void shutdownAnswersFirstThenStopsTheManager(KafkaBroker.Handle broker) {
        try (Cluster cluster = SeededCluster.fresh(broker).withoutNodes().start()) {
            ManagerFixture manager = cluster.manager();
            HttpResponse<String> answer = manager.console("shutdown");

            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("eccmgr shutting down");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThatThrownBy(() -> manager.get("/v1/version")).isInstanceOf(UncheckedIOException.class));
        }
    }
}
