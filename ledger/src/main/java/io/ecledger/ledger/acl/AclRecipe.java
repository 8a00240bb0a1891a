package io.ecledger.ledger.acl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

import io.ecledger.ledger.kafka.TopicLayout;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The Kafka ACLs of one cluster, from its topic prefix and principals: the one source that
 * {@code ecledger acl-recipe} prints and the tests apply. Every grant is literal (no prefixes, no wildcards):
 *
 * <ul>
 *   <li>the manager writes and reads the ledger, reads responses and membership, creates the three topics, reads the
 *       ledger's configs (it refuses a ledger with a finite retention) and uses its own transactional id;</li>
 *   <li>node N reads the ledger, writes responses and membership, and uses only its own transactional id and
 *       consumer group, both {@code <prefix>.node.N}; it may describe the topics and the ledger's configs, which
 *       {@code ecnode} checks at start, but not create them: with ACLs on, the manager makes them first;</li>
 *   <li>an auditor reads the ledger, responses and membership ({@code ecledger verify} and {@code export}) and
 *       writes nothing.</li>
 * </ul>
 *
 * <p>Topic ACLs cannot tell one node's response from another's on the responses topic: any node principal may write
 * a record keyed for another node. Node keys (the projection keeps only what a node's accepted key signed) are what
 * stops that; these ACLs stop everyone else, and stop nodes from appending to the ledger or fencing each other.
 *
 * @param layout the cluster's topics
 * @param manager the manager's principal, e.g. {@code User:eccmgr}
 * @param nodes each node's principal by node name (several nodes of one {@code ecnode} may share one)
 * @param auditors principals that only read
 */
public record AclRecipe(TopicLayout layout, String manager, SortedMap<String, String> nodes, List<String> auditors) {

    // Kafka's principal form TYPE:NAME; a name with spaces or quotes would not survive the printed shell line
    private static final Pattern PRINCIPAL = Pattern.compile("[A-Za-z][A-Za-z0-9]*:[A-Za-z0-9._@=,-]+");
    private static final Pattern NODE = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    /** Checks every principal and node name; copies the collections. */
    public AclRecipe {
        if (layout == null || nodes == null || auditors == null) {
            throw new IllegalArgumentException("layout, nodes and auditors must be given (empty for none)");
        }
        requirePrincipal(manager, "manager");
        nodes.forEach((node, principal) -> {
            if (node == null || !NODE.matcher(node).matches()) {
                throw new IllegalArgumentException("node name '" + node
                        + "' is not valid: use 1 to 100 letters, digits, '.', '_' or '-'");
            }
            requirePrincipal(principal, "node " + node);
        });
        auditors.forEach(auditor -> requirePrincipal(auditor, "auditor"));
        nodes = Collections.unmodifiableSortedMap(new TreeMap<>(nodes));
        auditors = List.copyOf(auditors);
    }

    /** The recipe for the cluster with {@code layout}, its manager {@code manager}, and no nodes or auditors yet. */
    public static AclRecipe forManager(TopicLayout layout, String manager) {
        return new AclRecipe(layout, manager, new TreeMap<>(), List.of());
    }

    /** This recipe with node {@code node} run by {@code principal}. */
    public AclRecipe withNode(String node, String principal) {
        SortedMap<String, String> more = new TreeMap<>(nodes);
        if (more.put(node, principal) != null) {
            throw new IllegalArgumentException("node " + node + " is named twice");
        }
        return new AclRecipe(layout, manager, more, auditors);
    }

    /** This recipe with one more auditor. */
    public AclRecipe withAuditor(String principal) {
        List<String> more = new ArrayList<>(auditors);
        more.add(principal);
        return new AclRecipe(layout, manager, nodes, more);
    }

    /** {@code <prefix>.node.<name>}: node {@code node}'s transactional id and consumer group, as its agent names them. */
    public static String nodeId(TopicLayout layout, String node) {
        return layout.prefix() + ".node." + node;
    }

    /** What one principal may do on one resource: one {@code kafka-acls.sh --add} line. */
    public record Grant(String principal, ResourceType type, String name, List<AclOperation> operations) {

        public Grant {
            operations = List.copyOf(operations);
        }

        /** One Kafka binding per operation, literal pattern, allowed from any host. */
        public List<AclBinding> bindings() {
            ResourcePattern pattern = new ResourcePattern(type, name, PatternType.LITERAL);
            return operations.stream()
                    .map(op -> new AclBinding(pattern, new AccessControlEntry(principal, "*", op, AclPermissionType.ALLOW)))
                    .toList();
        }

        /** The {@code kafka-acls.sh} line that adds this grant. */
        public String commandLine(String bootstrapServer, String commandConfig) {
            StringBuilder line = new StringBuilder("kafka-acls.sh --bootstrap-server ").append(bootstrapServer);
            if (commandConfig != null) {
                line.append(" --command-config ").append(commandConfig);
            }
            line.append(" --add --allow-principal ").append(principal);
            operations.forEach(op -> line.append(" --operation ").append(operationName(op)));
            line.append(' ').append(resourceFlag(type)).append(' ').append(name);
            return line.toString();
        }
    }

    /** Every grant: the manager's, each node's (by name), each auditor's. */
    public List<Grant> grants() {
        List<Grant> grants = new ArrayList<>();
        grants.add(topic(manager, layout.ledger(), AclOperation.WRITE, AclOperation.READ, AclOperation.DESCRIBE,
                AclOperation.DESCRIBE_CONFIGS, AclOperation.CREATE));
        grants.add(topic(manager, layout.responses(), AclOperation.READ, AclOperation.DESCRIBE, AclOperation.CREATE));
        // DescribeConfigs on membership: whether the broker stamps it, which the node agents' clocks rest on
        grants.add(topic(manager, layout.membership(), AclOperation.READ, AclOperation.DESCRIBE,
                AclOperation.DESCRIBE_CONFIGS, AclOperation.CREATE));
        grants.add(new Grant(manager, ResourceType.TRANSACTIONAL_ID, layout.managerTransactionalId(),
                List.of(AclOperation.WRITE, AclOperation.DESCRIBE)));
        for (Map.Entry<String, String> node : nodes.entrySet()) {
            String principal = node.getValue();
            String id = nodeId(layout, node.getKey());
            grants.add(topic(principal, layout.ledger(), AclOperation.READ, AclOperation.DESCRIBE,
                    AclOperation.DESCRIBE_CONFIGS));
            grants.add(topic(principal, layout.responses(), AclOperation.WRITE, AclOperation.DESCRIBE));
            grants.add(topic(principal, layout.membership(), AclOperation.WRITE, AclOperation.DESCRIBE,
                    AclOperation.DESCRIBE_CONFIGS));
            grants.add(new Grant(principal, ResourceType.TRANSACTIONAL_ID, id,
                    List.of(AclOperation.WRITE, AclOperation.DESCRIBE)));
            // the offsets each response transaction commits live in the node's own group
            grants.add(new Grant(principal, ResourceType.GROUP, id, List.of(AclOperation.READ, AclOperation.DESCRIBE)));
        }
        for (String auditor : auditors) {
            for (String topic : List.of(layout.ledger(), layout.responses(), layout.membership())) {
                grants.add(topic(auditor, topic, AclOperation.READ, AclOperation.DESCRIBE));
            }
        }
        // two nodes of one principal ask for the same topic grants; Kafka would store them once, so print them once
        return grants.stream().distinct().toList();
    }

    /** Every grant as Kafka bindings, for {@code Admin.createAcls}. */
    public List<AclBinding> bindings() {
        return grants().stream().flatMap(grant -> grant.bindings().stream()).toList();
    }

    /** Every grant as a {@code kafka-acls.sh} line; {@code commandConfig} (the admin's client properties) may be null. */
    public List<String> commandLines(String bootstrapServer, String commandConfig) {
        return grants().stream().map(grant -> grant.commandLine(bootstrapServer, commandConfig)).toList();
    }

    private static Grant topic(String principal, String topic, AclOperation... operations) {
        return new Grant(principal, ResourceType.TOPIC, topic, List.of(operations));
    }

    /** {@code DESCRIBE_CONFIGS} as kafka-acls.sh spells it: {@code DescribeConfigs}. */
    static String operationName(AclOperation operation) {
        StringBuilder name = new StringBuilder();
        for (String word : operation.name().split("_")) {
            name.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
        }
        return name.toString();
    }

    private static String resourceFlag(ResourceType type) {
        if (type == ResourceType.TOPIC) {
            return "--topic";
        } else if (type == ResourceType.GROUP) {
            return "--group";
        } else if (type == ResourceType.TRANSACTIONAL_ID) {
            return "--transactional-id";
        }
        throw new AssertionError("no kafka-acls.sh flag for resource type " + type);
    }

    private static void requirePrincipal(String principal, String who) {
        if (principal == null || !PRINCIPAL.matcher(principal).matches()) {
            throw new IllegalArgumentException("the " + who + "'s principal '" + principal
                    + "' is not valid: write it as Kafka does, TYPE:NAME, e.g. User:eccmgr");
        }
    }
}
