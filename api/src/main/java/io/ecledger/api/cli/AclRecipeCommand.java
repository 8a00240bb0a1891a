package io.ecledger.api.cli;

import io.ecledger.ledger.acl.AclRecipe;
import io.ecledger.ledger.kafka.TopicLayout;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ecledger acl-recipe}: the cluster's Kafka ACLs as {@code kafka-acls.sh} lines, for an operator to paste. */
@Command(name = "acl-recipe", mixinStandardHelpOptions = true,
        description = "Print the Kafka ACLs of one ecledger cluster as kafka-acls.sh --add lines: the manager writes the "
                + "ledger; each node reads it, writes responses and membership, and uses only its own transactional id "
                + "and group; an auditor reads. Run them as a Kafka super user, before the manager's first start.")
final class AclRecipeCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"--prefix", "--topic-prefix"}, paramLabel = "PREFIX", description = "topic prefix (default: ${DEFAULT-VALUE})")
    String prefix = TopicLayout.DEFAULT_PREFIX;

    @Option(names = "--manager", paramLabel = "PRINCIPAL", required = true,
            description = "the manager's Kafka principal, e.g. User:eccmgr")
    String manager;

    @Option(names = "--node", paramLabel = "NAME=PRINCIPAL",
            description = "a node and the principal its ecnode logs in as (repeat for each node)")
    List<String> nodes = new ArrayList<>();

    @Option(names = "--auditor", paramLabel = "PRINCIPAL", description = "a principal that only reads (repeatable)")
    List<String> auditors = new ArrayList<>();

    @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT",
            description = "printed into each line (default: ${DEFAULT-VALUE})")
    String bootstrapServer = "127.0.0.1:9092";

    @Option(names = "--command-config", paramLabel = "FILE",
            description = "the super user's client properties, printed into each line as kafka-acls.sh --command-config")
    String commandConfig;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        AclRecipe recipe;
        try {
            recipe = AclRecipe.forManager(new TopicLayout(prefix), manager);
            for (String node : nodes) {
                int equals = node.indexOf('=');
                if (equals < 1) {
                    throw new IllegalArgumentException("--node takes NAME=PRINCIPAL, e.g. rh52bare=User:ecnode-east, not '"
                            + node + "'");
                }
                recipe = recipe.withNode(node.substring(0, equals), node.substring(equals + 1));
            }
            for (String auditor : auditors) {
                recipe = recipe.withAuditor(auditor);
            }
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("ecledger acl-recipe: " + e.getMessage());
            return 2;
        }
        TopicLayout layout = recipe.layout();
        out.println("# Kafka ACLs of the ecledger cluster with topic prefix " + prefix + "; run as a super user");
        out.println("# manager " + manager + ", transactional id " + layout.managerTransactionalId());
        recipe.nodes().forEach((node, principal) -> out.println("# node " + node + " " + principal
                + ", transactional id and group " + AclRecipe.nodeId(layout, node)));
        recipe.auditors().forEach(auditor -> out.println("# auditor " + auditor));
        recipe.commandLines(bootstrapServer, commandConfig).forEach(out::println);
        out.flush();
        return 0;
    }
}
