package io.ecledger.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ecledger.api.testing.Cluster;
import io.ecledger.api.testing.ManagerFixture;
import io.ecledger.api.testing.SeededCluster;
import io.ecledger.ledger.acl.AclRecipe;
import io.ecledger.ledger.broker.BrokerSecurity;
import io.ecledger.ledger.broker.EmbeddedKafka;
import io.ecledger.ledger.event.NodeIdentity;
import io.ecledger.ledger.kafka.ClientProperties;
import io.ecledger.ledger.kafka.KafkaClientOverrides;
import io.ecledger.ledger.kafka.TopicLayout;
import io.ecledger.ledger.sign.ManagerKey;
import io.ecledger.ledger.testing.KafkaBroker;
import io.ecledger.node.agent.AgentSettings;
import io.ecledger.node.agent.NodeAgent;
import io.ecledger.node.executor.ExecutionResult;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real manager and a real agent on a broker with SCRAM and only {@link AclRecipe}'s ACLs: the recipe is enough
 * for eccmgr (topics, ledger, projection, chain monitor, health) and ecnode, each logged in as its own principal.
 */
class SecuredKafkaIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final TopicLayout LAYOUT = new TopicLayout("sec");
    private static final BrokerSecurity SECURITY = BrokerSecurity.scram("admin", "admin-secret")
            .withUser("eccmgr", "eccmgr-secret").withUser("ecnode", "ecnode-secret").withAcls();

    @Test
    void theManagerAndANodeWithOnlyTheRecipesAclsRunACommandEndToEnd(@TempDir Path data) throws Exception {
        AclRecipe recipe = AclRecipe.forManager(LAYOUT, "User:eccmgr").withNode("rh52bare", "User:ecnode");
        try (EmbeddedKafka kafka = EmbeddedKafka.at(data, 0, SECURITY).start();
                Admin admin = Admin.create(ClientProperties.admin(kafka.bootstrapServers(), "sec-admin",
                        new KafkaClientOverrides(SECURITY.superUserClientProperties())))) {
            admin.createAcls(recipe.bindings()).all().get();
            await().atMost(PATIENCE).until(() -> new HashSet<>(admin.describeAcls(AclBindingFilter.ANY).values().get())
                    .containsAll(recipe.bindings()));

            Cluster.Builder builder = SeededCluster.fresh(broker(kafka, admin)).withoutNodes();
            SECURITY.clientProperties("eccmgr", "eccmgr-secret")
                    .forEach((key, value) -> builder.with("kafka.clientProperties." + key, value));
            try (Cluster cluster = builder.start()) {
                ManagerFixture manager = cluster.manager();
                NodeAgent agent = new NodeAgent(kafka.bootstrapServers(),
                        new KafkaClientOverrides(SECURITY.clientProperties("ecnode", "ecnode-secret")), LAYOUT,
                        new NodeIdentity("rh52bare", "east", "localhost", "test"),
                        ManagerKey.readPublic(cluster.managerPublicKey()), cluster.nodeKey("rh52bare"),
                        text -> ExecutionResult.ok("ran " + text),
                        Clock.systemUTC(), AgentSettings.defaults());
                agent.start();
                try {
                    await().atMost(PATIENCE).untilAsserted(() ->
                            assertThat(manager.get("/v1/info").body()).contains("\"alive\":1,"));

                    assertThat(manager.console("unicast rh52bare summary").statusCode()).isEqualTo(200);
                    await().atMost(PATIENCE).untilAsserted(() ->
                            assertThat(manager.console("retrieve_node rh52bare summary").body())
                                    .contains("rh52bare (east): OK"));
                    assertThat(manager.admin("/healthcheck").body()).contains("\"kafka\":{\"healthy\":true")
                            .contains("\"ledger-chain\":{\"healthy\":true");
                } finally {
                    agent.stop();
                }
            }
        }
    }

    /** The secured broker as the fixtures take a broker: one fixed prefix, the one the ACLs name. */
    private static KafkaBroker.Handle broker(EmbeddedKafka kafka, Admin admin) {
        return new KafkaBroker.Handle() {
            @Override
            public String bootstrapServers() {
                return kafka.bootstrapServers();
            }

            @Override
            public String uniquePrefix() {
                return LAYOUT.prefix() + ".";
            }

            @Override
            public Admin admin() {
                return admin;
            }

            @Override
            public String kind() {
                return "embedded-sasl";
            }
        };
    }
}
