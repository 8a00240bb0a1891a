package io.ecledger.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecledger.ledger.acl.AclRecipe;
import io.ecledger.ledger.kafka.TopicLayout;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class AclRecipeCommandTest {

    @Test
    void printsTheRecipesKafkaAclsLinesAfterACommentedHeader() {
        StringWriter out = new StringWriter();

        int exit = EcledgerMain.run(new String[] {"acl-recipe", "--prefix", "mx", "--manager", "User:eccmgr",
                "--node", "rh52bare=User:node-a", "--node", "rh52bar2=User:node-b", "--auditor", "User:audit",
                "--bootstrap-server", "kafka1:9093", "--command-config", "admin.properties"},
                new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));

        AclRecipe proven = AclRecipe.forManager(new TopicLayout("mx"), "User:eccmgr")
                .withNode("rh52bare", "User:node-a").withNode("rh52bar2", "User:node-b").withAuditor("User:audit");
        List<String> lines = out.toString().lines().toList();
        assertThat(exit).isZero();
        assertThat(lines).filteredOn(line -> !line.startsWith("#"))
                .containsExactlyElementsOf(proven.commandLines("kafka1:9093", "admin.properties"));
        assertThat(lines).contains("# manager User:eccmgr, transactional id mx.manager",
                "# node rh52bare User:node-a, transactional id and group mx.node.rh52bare", "# auditor User:audit");
    }

    @Test
    void aNodeWithoutAPrincipalOrABadPrincipalIsAUsageErrorSayingWhich() {
        StringWriter err = new StringWriter();

        int exit = EcledgerMain.run(new String[] {"acl-recipe", "--manager", "User:eccmgr", "--node", "rh52bare"},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        int bad = EcledgerMain.run(new String[] {"acl-recipe", "--manager", "eccmgr"},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));

        assertThat(exit).isEqualTo(2);
        assertThat(bad).isEqualTo(2);
        assertThat(err.toString()).contains("--node takes NAME=PRINCIPAL, e.g. rh52bare=User:ecnode-east, not 'rh52bare'")
                .contains("the manager's principal 'eccmgr' is not valid");
    }
}
