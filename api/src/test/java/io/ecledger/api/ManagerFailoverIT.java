package io.ecledger.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ecledger.api.control.ControlClient;
import io.ecledger.api.testing.Cluster;
import io.ecledger.api.testing.ManagerFixture;
import io.ecledger.api.testing.SeededCluster;
import io.ecledger.ledger.chain.ChainVerdict;
import io.ecledger.ledger.command.Origin;
import io.ecledger.ledger.event.Events;
import io.ecledger.ledger.kafka.LedgerEntry;
import io.ecledger.ledger.testing.KafkaBroker;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two real managers on one broker, as a failover does it: the standby has a data directory of its own but a copy of
 * the manager's key files (agents pin that key; a standby with a key of its own would have every command refused).
 */
@ExtendWith(KafkaBroker.class)
class ManagerFailoverIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String SEND = "{\"target\": {\"broadcast\": true}, \"command\": \"version\"}";

    @Test
    void aStandbyManagerTakesTheLedgerOverTheFirstRefusesSendsWith503AndTheChainDoesNotFork(KafkaBroker.Handle broker)
            throws Exception {
        try (Cluster cluster = SeededCluster.fresh(broker).withControlSocket().start()) {
            cluster.manager();
            // written as a manager wrote the ledger before it was transactional: a plain idempotent producer; the
            // manager starts again after it, as an upgrade would, since its start already appended its policy load
            cluster.ledger().append("alice", Origin.CONSOLE, Events.broadcast("version"));
            ManagerFixture first = cluster.restartManager();
            assertThat(first.postJson("/v1/commands", SEND).statusCode()).isEqualTo(202);
            assertThat(health(first)).contains("the only writer of " + cluster.layout().ledger(),
                    "transactional id " + cluster.prefix() + ".manager");

            ManagerFixture second = cluster.startStandby();
            long endBefore = cluster.ledger().endOffset();

            HttpResponse<String> refused = first.postJson("/v1/commands", SEND);
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.body()).contains("\"code\":\"ledger-fenced\"",
                    "\"message\":\"another manager has taken over the ledger\"");
            HttpResponse<String> console = first.console("broadcast summary");
            assertThat(console.statusCode()).isEqualTo(503);
            assertThat(console.body()).contains("another manager has taken over the ledger");
            try (ControlClient socket = new ControlClient(cluster.socket())) {
                ControlClient.Answer answer = socket.send("broadcast summary");
                assertThat(answer.ok()).isFalse();
                assertThat(answer.text()).isEqualTo("another manager has taken over the ledger");
            }
            HttpResponse<String> firstHealth = first.admin("/healthcheck");
            assertThat(firstHealth.statusCode()).isEqualTo(500);
            assertThat(health(first)).contains("\"ledger-writer\":{\"healthy\":false",
                    "another manager has taken over the ledger: transactional id " + cluster.prefix() + ".manager");
            assertThat(cluster.ledger().endOffset()).as("the fenced manager wrote nothing").isEqualTo(endBefore);

            HttpResponse<String> accepted = second.postJson("/v1/commands", SEND);
            assertThat(accepted.statusCode()).isEqualTo(202);
            String commandId = jsonString(accepted.body(), "commandId");
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(second.get("/v1/commands/" + commandId).body())
                    .as("the agents run what the standby signed")
                    .contains("\"node\":\"rh52bare\"", "\"node\":\"rh52mgr\"", "\"node\":\"rh52bar2\"")
                    .doesNotContain("PENDING", "REJECTED"));
            assertThat(second.console("broadcast summary").statusCode()).isEqualTo(200);
            assertThat(health(second)).contains("\"ledger-writer\":{\"healthy\":true");

            List<LedgerEntry> entries = new ArrayList<>();
            cluster.ledger().replay(entries::add);
            // the policy load, the plain producer's event, the first's send, the standby's send and broadcast
            assertThat(entries).hasSize(5);
            for (int i = 1; i < entries.size(); i++) {
                assertThat(entries.get(i).event().prevHash()).as("event %d goes on from the one before it", i)
                        .isEqualTo(entries.get(i - 1).event().hash());
            }
            ChainVerdict verdict = cluster.ledger().verify();
            assertThat(verdict).isInstanceOf(ChainVerdict.Intact.class);
            assertThat(verdict.verifiedEvents()).isEqualTo(5);
            assertThat(second.console("audit verify").body()).startsWith("ledger chain intact: 5 event(s) verified");
        }
    }

    private static String health(ManagerFixture manager) {
        return manager.admin("/healthcheck").body();
    }

    private static String jsonString(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":\"([^\"]+)\"").matcher(json);
        assertThat(m.find()).as("%s in %s", field, json).isTrue();
        return m.group(1);
    }
}
