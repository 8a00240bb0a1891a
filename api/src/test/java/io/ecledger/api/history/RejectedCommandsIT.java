package io.ecledger.api.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ecledger.api.testing.Cluster;
import io.ecledger.api.testing.ManagerFixture;
import io.ecledger.api.testing.SeededCluster;
import io.ecledger.ledger.testing.KafkaBroker;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A command the agents refuse to run shows in history under {@code --status rejected} with each node's reason, and in
 * the ledger-chain health check. The refusal here is an honest one: a manager whose commandTimeout (2 h) is past the
 * agents' default deadline bound (1 h).
 */
@ExtendWith(KafkaBroker.class)
class RejectedCommandsIT {

    @Test
    void commandsTheNodesRefusedAreListedByStatusRejectedAndCountedInTheChainHealthCheck(KafkaBroker.Handle broker) {
        try (Cluster cluster = SeededCluster.fresh(broker).with("commandTimeout", "2h").start()) {
            ManagerFixture manager = cluster.manager();
            assertThat(manager.console("history --status rejected").body()).isEqualTo("history: no command matches\n");

            manager.console("broadcast version");
            manager.console("unicast rh52bar2 summary");

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(manager.console("history --status rejected").body())
                    .startsWith("history: 2 command(s)")
                    .contains("broadcast: version", "node rh52bar2: summary",
                            "    rh52bare@east REJECTED: not run: deadline ", "    rh52bar2@west REJECTED: not run: deadline ",
                            "more than the agent's bound of PT1H"));
            assertThat(manager.console("history --status pending").body()).isEqualTo("history: no command matches\n");
            assertThat(manager.admin("/healthcheck").body())
                    .contains("\"ledger-chain\":{\"healthy\":true", "nodes refused to run 4 time(s), latest the record at offset ",
                            "on rh52bar2: not run: deadline ");
        }
    }
}
