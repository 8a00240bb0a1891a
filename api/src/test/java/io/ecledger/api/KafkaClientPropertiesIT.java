package io.ecledger.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.ecledger.api.testing.Cluster;
import io.ecledger.api.testing.ManagerFixture;
import io.ecledger.api.testing.SeededCluster;
import io.ecledger.ledger.testing.KafkaBroker;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code kafka.clientProperties} reach the manager's Kafka clients: harmless ones change nothing, a wrong protocol stops it. */
@ExtendWith(KafkaBroker.class)
class KafkaClientPropertiesIT {

    private static final String CLIENT = "kafka.clientProperties.";

    @Test
    void withPassThroughClientPropertiesTheManagerStillRunsACommandEndToEnd(KafkaBroker.Handle broker) {
        try (Cluster cluster = SeededCluster.fresh(broker)
                .with(CLIENT + "client.dns.lookup", "use_all_dns_ips")
                .with(CLIENT + "request.timeout.ms", "20000")
                .start()) {
            ManagerFixture manager = cluster.manager();

            assertThat(manager.console("broadcast sieve:sieve1 flush cache").body()).contains("3 node(s)");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(manager.console("retrieve sieve:sieve1 flush cache").body())
                            .contains("rh52bare (east): OK", "rh52mgr (east): OK", "rh52bar2 (west): OK")
                            .doesNotContain("pending"));
            assertThat(manager.admin("/healthcheck").body()).contains("\"kafka\":{\"healthy\":true");
        }
    }

    @Test
    void securityProtocolSslAgainstAPlaintextBrokerStopsTheManagerAtStartSayingHowItConnected(KafkaBroker.Handle broker) {
        // a TLS hello to a plaintext listener is only ever a closed connection: the timeouts bound how long it tries
        Cluster.Builder ssl = SeededCluster.fresh(broker).withoutNodes()
                .with(CLIENT + "security.protocol", "SSL")
                .with(CLIENT + "default.api.timeout.ms", "5000")
                .with(CLIENT + "request.timeout.ms", "2000");

        Throwable failure = catchThrowable(ssl::start);

        assertThat(failure).hasMessage("eccmgr did not start").rootCause().hasMessageContaining("Timed out");
        assertThat(causes(failure)).contains("cannot reach Kafka at " + broker.bootstrapServers()
                + " with security.protocol=SSL (kafka.clientProperties): cannot create or inspect the topics");
    }

    private static String causes(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
