package io.ecledger.api.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ecledger.api.testing.Cluster;
import io.ecledger.api.testing.ManagerFixture;
import io.ecledger.api.testing.SeededCluster;
import io.ecledger.ledger.event.CommandDenied;
import io.ecledger.ledger.event.Payload;
import io.ecledger.ledger.event.PolicyLoaded;
import io.ecledger.ledger.policy.CommandPolicy;
import io.ecledger.ledger.testing.KafkaBroker;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** REST as users of several roles, on a real manager: what the policy refuses is 403, on the record, never run. */
@ExtendWith(KafkaBroker.class)
class RestPolicyIT {

    private static final String BROADCAST_VERSION = "{\"target\": {\"broadcast\": true}, \"command\": \"version\"}";
    private static final String VIEWER_SEND =
            "role viewer may not send 'version' to broadcast: no rule allows it (rule default: deny)";

    @TempDir
    Path directory;

    @Test
    void aViewersSendIs403NamingTheRuleAndOnlyItsDenialGoesOnTheLedger(KafkaBroker.Handle broker) {
        try (Cluster cluster = SeededCluster.fresh(broker).start()) {
            ManagerFixture viewer = userOf(cluster.manager(), "vera", "viewer");
            Map<String, Long> ranBefore = cluster.executorCalls();
            long before = cluster.ledger().endOffset();

            HttpResponse<String> refused = viewer.postJson("/v1/commands", BROADCAST_VERSION);

            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains("\"code\":\"forbidden\"", "\"rule\":\"default: deny\"", VIEWER_SEND);
            assertThat(payloadsSince(cluster, before))
                    .containsExactly(new CommandDenied("broadcast version", "default: deny", VIEWER_SEND));
            assertThat(actorsSince(cluster, before)).containsExactly("vera REST");
            assertThat(cluster.executorCalls()).as("no node ran it").isEqualTo(ranBefore);
            assertThat(viewer.get("/v1/history").statusCode()).as("what a viewer may do still works").isEqualTo(200);
            long beforeFlush = cluster.ledger().endOffset();
            HttpResponse<String> flush = viewer.delete("/v1/results");
            assertThat(flush.statusCode()).as("a method decided by its class, not a console line").isEqualTo(403);
            assertThat(flush.body()).contains("\"rule\":\"default: deny\"", "role viewer may not use flush: no rule allows it");
            assertThat(payloadsSince(cluster, beforeFlush)).containsExactly(new CommandDenied("DELETE /v1/results",
                    "default: deny", "role viewer may not use flush: no rule allows it (rule default: deny)"));
            assertThat(cluster.manager().console("history --status denied").body())
                    .contains("vera rest DENIED by rule default: deny: broadcast version");
        }
    }

    @Test
    void anOperatorSendsWhatItsPatternsAllowAndNeverShutdown(KafkaBroker.Handle broker) {
        try (Cluster cluster = SeededCluster.fresh(broker).start()) {
            ManagerFixture operator = userOf(cluster.manager(), "otto", "operator");

            assertThat(operator.console("broadcast sieve:main flush cache").statusCode()).isEqualTo(200);
            HttpResponse<String> shutdown = operator.console("broadcast shutdown now");
            HttpResponse<String> reboot = operator.console("subcluster broadcast east config reload");

            assertThat(shutdown.statusCode()).isEqualTo(403);
            assertThat(shutdown.body()).isEqualTo("role operator may not send 'shutdown now' to broadcast: "
                    + "rule operator: deny send \"shutdown*\"");
            assertThat(reboot.statusCode()).as("config reload only on subcluster west").isEqualTo(403);
            assertThat(operator.console("subcluster broadcast west config reload").statusCode()).isEqualTo(200);
            assertThat(operator.console("shutdown").statusCode()).isEqualTo(403);
            assertThat(cluster.manager().get("/v1/info").statusCode()).as("the manager still runs").isEqualTo(200);
        }
    }

    @Test
    void denialsPastAnActorsAllowanceAreRefusedButNotRecordedWhileAnotherActorsStillAre(KafkaBroker.Handle broker) {
        try (Cluster cluster = SeededCluster.fresh(broker).withoutNodes().with("policy.deniedBurst", "3").start()) {
            ManagerFixture flooder = userOf(cluster.manager(), "flo", "viewer");
            ManagerFixture other = userOf(cluster.manager(), "vera", "viewer");
            long before = cluster.ledger().endOffset();

            for (int i = 0; i < 10; i++) {
                assertThat(flooder.console("flush control cache").statusCode()).isEqualTo(403);
            }
            assertThat(other.console("flush control cache").statusCode()).isEqualTo(403);

            assertThat(actorsSince(cluster, before)).containsExactly("flo REST", "flo REST", "flo REST", "vera REST");
        }
    }

    @Test
    void aReloadedPolicyIsOnTheLedgerWithItsTextAndHashBeforeItDecides(KafkaBroker.Handle broker) throws Exception {
        Path file = Files.writeString(directory.resolve("policy.yaml"), CommandPolicy.standardText());
        try (Cluster cluster = SeededCluster.fresh(broker).withoutNodes().with("policy.file", file.toString())
                .start()) {
            ManagerFixture viewer = userOf(cluster.manager(), "vera", "viewer");
            assertThat(viewer.console("flush control cache").statusCode()).isEqualTo(403);
            assertThat(viewer.console("policy reload").statusCode()).as("only admin reloads").isEqualTo(403);
            String widened = CommandPolicy.standardText().replace("      - help\n", "      - help\n      - flush\n");
            Files.writeString(file, widened);
            long before = cluster.ledger().endOffset();

            HttpResponse<String> reload = cluster.manager().console("policy reload");

            String sha256 = CommandPolicy.parse(widened).sha256();
            assertThat(reload.body()).startsWith("policy reloaded from " + file + ", sha256 " + sha256);
            assertThat(payloadsSince(cluster, before))
                    .containsExactly(new PolicyLoaded(sha256, widened, file.toString()));
            assertThat(viewer.console("flush control cache").statusCode()).isEqualTo(200);
            assertThat(cluster.manager().console("policy show --at " + (before - 1)).body())
                    .contains("sha256 " + CommandPolicy.standard().sha256());
        }
    }

    /** {@code name} with {@code roles} and a token, once the manager has read the users file again. */
    private static ManagerFixture userOf(ManagerFixture admin, String name, String... roles) {
        ManagerFixture user = admin.as(admin.addUser(name, roles));
        await().atMost(Duration.ofSeconds(10)).until(() -> user.get("/v1/version").statusCode() != 401);
        return user;
    }

    private static List<Payload> payloadsSince(Cluster cluster, long offset) {
        return cluster.ledgerSince(offset).stream().map(entry -> entry.event().payload()).toList();
    }

    private static List<String> actorsSince(Cluster cluster, long offset) {
        return cluster.ledgerSince(offset).stream()
                .map(entry -> entry.event().actor() + " " + entry.event().origin()).toList();
    }

}
