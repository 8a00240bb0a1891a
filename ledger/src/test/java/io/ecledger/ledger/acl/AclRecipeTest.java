package io.ecledger.ledger.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecledger.ledger.kafka.TopicLayout;
import java.util.List;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

class AclRecipeTest {

    private static final TopicLayout LAYOUT = new TopicLayout("mx");
    private static final AclRecipe RECIPE = AclRecipe.forManager(LAYOUT, "User:eccmgr")
            .withNode("rh52bare", "User:node-a")
            .withNode("rh52bar2", "User:node-b")
            .withAuditor("User:audit");

    @Test
    void onlyTheManagerMayWriteTheLedger() {
        assertThat(principalsAllowed(ResourceType.TOPIC, "mx.ledger", AclOperation.WRITE)).containsExactly("User:eccmgr");
        assertThat(principalsAllowed(ResourceType.TOPIC, "mx.ledger", AclOperation.READ))
                .containsExactlyInAnyOrder("User:eccmgr", "User:node-a", "User:node-b", "User:audit");
    }

    @Test
    void eachNodeMayUseOnlyItsOwnTransactionalIdAndGroup() {
        assertThat(principalsAllowed(ResourceType.TRANSACTIONAL_ID, "mx.node.rh52bare", AclOperation.WRITE))
                .containsExactly("User:node-a");
        assertThat(principalsAllowed(ResourceType.TRANSACTIONAL_ID, "mx.node.rh52bar2", AclOperation.WRITE))
                .containsExactly("User:node-b");
        assertThat(principalsAllowed(ResourceType.GROUP, "mx.node.rh52bare", AclOperation.READ))
                .containsExactly("User:node-a");
        assertThat(principalsAllowed(ResourceType.TRANSACTIONAL_ID, "mx.manager", AclOperation.WRITE))
                .containsExactly("User:eccmgr");
    }

    @Test
    void nodesWriteResponsesAndMembershipAndTheManagerOnlyReadsThem() {
        for (String topic : List.of("mx.responses", "mx.membership")) {
            assertThat(principalsAllowed(ResourceType.TOPIC, topic, AclOperation.WRITE))
                    .containsExactlyInAnyOrder("User:node-a", "User:node-b");
            assertThat(principalsAllowed(ResourceType.TOPIC, topic, AclOperation.READ))
                    .containsExactlyInAnyOrder("User:eccmgr", "User:audit");
        }
    }

    @Test
    void theManagerAndEveryNodeMayReadWhetherTheBrokerStampsMembership() {
        assertThat(principalsAllowed(ResourceType.TOPIC, "mx.membership", AclOperation.DESCRIBE_CONFIGS))
                .containsExactlyInAnyOrder("User:eccmgr", "User:node-a", "User:node-b");
        assertThat(principalsAllowed(ResourceType.TOPIC, "mx.membership", AclOperation.ALTER_CONFIGS)).isEmpty();
    }

    @Test
    void theAuditorWritesNothingAndOnlyTheManagerCreatesTopics() {
        assertThat(RECIPE.bindings()).filteredOn(b -> b.entry().principal().equals("User:audit"))
                .extracting(b -> b.entry().operation()).containsOnly(AclOperation.READ, AclOperation.DESCRIBE);
        assertThat(RECIPE.bindings()).filteredOn(b -> b.entry().operation() == AclOperation.CREATE)
                .extracting(b -> b.entry().principal()).containsOnly("User:eccmgr");
    }

    @Test
    void everyBindingIsALiteralAllowFromAnyHost() {
        assertThat(RECIPE.bindings()).allSatisfy(b -> {
            assertThat(b.pattern().patternType()).isEqualTo(PatternType.LITERAL);
            assertThat(b.entry().permissionType()).isEqualTo(AclPermissionType.ALLOW);
            assertThat(b.entry().host()).isEqualTo("*");
        });
    }

    @Test
    void theCommandLinesAreKafkaAclsAddLinesOnePerPrincipalAndResource() {
        List<String> lines = RECIPE.commandLines("kafka1:9093", "admin.properties");

        assertThat(lines).first().isEqualTo("kafka-acls.sh --bootstrap-server kafka1:9093 --command-config admin.properties"
                + " --add --allow-principal User:eccmgr --operation Write --operation Read --operation Describe"
                + " --operation DescribeConfigs --operation Create --topic mx.ledger");
        assertThat(lines).contains("kafka-acls.sh --bootstrap-server kafka1:9093 --command-config admin.properties"
                + " --add --allow-principal User:node-a --operation Write --operation Describe"
                + " --transactional-id mx.node.rh52bare");
        assertThat(lines).contains("kafka-acls.sh --bootstrap-server kafka1:9093 --command-config admin.properties"
                + " --add --allow-principal User:node-b --operation Read --operation Describe --group mx.node.rh52bar2");
        assertThat(lines).hasSize(4 + 2 * 5 + 3);
        assertThat(RECIPE.commandLines("k:9092", null)).first().asString().doesNotContain("--command-config");
    }

    @Test
    void twoNodesOfOnePrincipalGetTheirTopicGrantsOnce() {
        AclRecipe shared = AclRecipe.forManager(LAYOUT, "User:eccmgr").withNode("a", "User:ecnode").withNode("b", "User:ecnode");

        assertThat(shared.grants()).hasSize(4 + 3 + 2 * 2);
    }

    @Test
    void aPrincipalNotWrittenAsKafkaDoesIsRefusedNamingWhose() {
        assertThatThrownBy(() -> AclRecipe.forManager(LAYOUT, "eccmgr"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the manager's principal 'eccmgr' is not valid: write it as Kafka does, TYPE:NAME, e.g. User:eccmgr");
        assertThatThrownBy(() -> RECIPE.withNode("x", "User:has space"))
                .hasMessageContaining("the node x's principal 'User:has space' is not valid");
        assertThatThrownBy(() -> RECIPE.withNode("rh52bare", "User:other")).hasMessage("node rh52bare is named twice");
        assertThatThrownBy(() -> RECIPE.withNode("a b", "User:x")).hasMessageContaining("node name 'a b' is not valid");
    }

    @Test
    void theNodeIdIsTheOneTheAgentUsesAndTheManagerIdIsOnePerPrefix() {
        assertThat(AclRecipe.nodeId(LAYOUT, "rh52bare")).isEqualTo("mx.node.rh52bare");
        assertThat(LAYOUT.managerTransactionalId()).isEqualTo("mx.manager");
    }

    private static List<String> principalsAllowed(ResourceType type, String name, AclOperation operation) {
        return RECIPE.bindings().stream()
                .filter(b -> b.pattern().resourceType() == type && b.pattern().name().equals(name))
                .filter(b -> b.entry().operation() == operation)
                .map(AclBinding::entry).map(e -> e.principal()).toList();
    }
}
