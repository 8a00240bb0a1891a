package io.ecledger.node.executor;


import io.ecledger.ledger.command.Command;
import io.ecledger.ledger.command.ConfigVerb;
import io.ecledger.ledger.command.Grammar;
import io.ecledger.ledger.command.ParseResult;
import io.ecledger.ledger.config.ConfigModel;
import io.ecledger.ledger.config.ConfigParser;
import io.ecledger.ledger.config.ConfigRefusedException;
import io.ecledger.ledger.config.ConfigSchema;
import io.ecledger.ledger.event.ConfigChanged;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An in-memory Momentum node: answers the commands operators broadcast from state that
 * changes, so the order in which a node applies the ledger is visible in its answers.
 * Pure logic, no I/O; safe to read from another thread while an agent drives it.
 */
public final class SimulatedNode implements Executor {

    /** The ecelerity build the simulation claims to be. */
    public static final String ECELERITY_VERSION = "ecelerity 4.2.1.56364 r(Core:4.2.1.0)";

    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final Pattern SIEVE_FLUSH = Pattern.compile("sieve:([A-Za-z0-9_.-]+)");

    private static final Grammar GRAMMAR = Grammar.standard();

    private final String node;
    private final String subcluster;
    private final Map<String, String> members;
    private final Map<String, String> bindingOwners = new TreeMap<>();
    // the node's own configuration, in the same model the manager folds its eccluster.conf with
    private ConfigModel config;
    private long commandsRun;
    private long flushes;

    /** A node that knows only itself as a cluster member. */
    public static SimulatedNode of(String node, String subcluster) {
        return new SimulatedNode(node, subcluster, Map.of(node, subcluster));
    }

    /** A node named {@code node} in {@code subcluster} whose membership view is {@code members} (node → subcluster). */
    public SimulatedNode(String node, String subcluster, Map<String, String> members) {
        requireName("node", node);
        requireName("subcluster", subcluster);
        this.node = node;
        this.subcluster = subcluster;
        Map<String, String> view = new TreeMap<>(members);
        view.put(node, subcluster);
        this.members = Map.copyOf(view);
        this.config = ConfigModel.of(ConfigParser.parse(baseConfiguration(node), "ecelerity.conf of " + node, Path.of(".")),
                ConfigSchema.standard());
    }

    /** The longest {@code sleep} the simulation takes. */
    public static final int MAX_SLEEP_SECONDS = 600;

    @Override
    public ExecutionResult run(String commandText) {
        List<String> words = commandText == null ? List.of()
                : Arrays.stream(commandText.strip().split("\\s+")).filter(w -> !w.isEmpty()).toList();
        if (words.size() == 2 && words.get(0).equals("sleep")) {
            // outside the node's lock: a long command must not block readers of its state
            return sleep(words.get(1));
        }
        return runLocked(commandText, words);
    }

    /**
     * {@code sleep SECONDS}: not a Momentum command but the simulation's stand-in for a slow one (a long
     * {@code config eval}, a drain), so rollouts, deadlines and cancels can be watched. An interrupt ends it early.
     */
    private ExecutionResult sleep(String seconds) {
        int wanted;
        try {
            wanted = Integer.parseInt(seconds);
        } catch (NumberFormatException e) {
            return ExecutionResult.rejected("Usage: sleep SECONDS (0 to " + MAX_SLEEP_SECONDS + ")");
        }
        if (wanted < 0 || wanted > MAX_SLEEP_SECONDS) {
            return ExecutionResult.rejected("Usage: sleep SECONDS (0 to " + MAX_SLEEP_SECONDS + ")");
        }
        synchronized (this) {
            commandsRun++;
        }
        try {
            Thread.sleep(wanted * 1000L);
            return ExecutionResult.ok("slept " + wanted + " s on " + node);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExecutionResult.error("sleep interrupted on " + node);
        }
    }

    private synchronized ExecutionResult runLocked(String commandText, List<String> words) {
        if (words.isEmpty()) {
            return ExecutionResult.rejected("Empty command");
        }
        commandsRun++;
        String verb = words.get(0);
        if (verb.equals("version") && words.size() == 1) {
            return ExecutionResult.ok(ECELERITY_VERSION + " on " + node);
        }
        if (verb.equals("summary") && words.size() == 1) {
            return ExecutionResult.ok(summary());
        }
        if (verb.equals("config")) {
            return config(commandText);
        }
        if (verb.equals("cluster")) {
            return cluster(words);
        }
        var sieve = SIEVE_FLUSH.matcher(verb);
        if (sieve.matches()) {
            if (words.size() == 3 && words.get(1).equals("flush") && words.get(2).equals("cache")) {
                flushes++;
                return ExecutionResult.ok("sieve:" + sieve.group(1) + " cache flushed");
            }
            return ExecutionResult.rejected("Usage: sieve:NAME flush cache");
        }
        return ExecutionResult.error("Unknown command '" + verb + "'");
    }

    /** Who owns each DuraVIP binding, as this node believes (IP → node), in IP order. */
    public synchronized Map<String, String> bindingOwners() {
        return Map.copyOf(bindingOwners);
    }

    /** This node's name. */
    public String node() {
        return node;
    }

    private String summary() {
        // counters derived from the commands run, so two summaries in a row differ
        long received = 1000 + 37 * commandsRun;
        return String.join("\n",
                "Node: " + node + " (subcluster " + subcluster + ")",
                "Commands run: " + commandsRun,
                "Messages received: " + received,
                "Messages delivered: " + (received - commandsRun),
                "Active queue: " + (commandsRun % 7),
                "Sieve cache flushes: " + flushes,
                "DuraVIP bindings owned: " + owned().size());
    }

    private ExecutionResult cluster(List<String> words) {
        String rest = String.join(" ", words.subList(1, words.size()));
        if (rest.equals("membership")) {
            String lines = members.entrySet().stream()
                    .map(m -> "  " + m.getKey() + " subcluster=" + m.getValue() + (m.getKey().equals(node) ? " (self)" : ""))
                    .collect(Collectors.joining("\n"));
            return ExecutionResult.ok("Cluster membership as seen by " + node + ":\n" + lines);
        }
        if (rest.equals("duravip show")) {
            return ExecutionResult.ok(ownerTable());
        }
        if (rest.equals("duravip announce view")) {
            List<String> mine = owned();
            return ExecutionResult.ok(node + " announces " + mine.size() + " binding(s)"
                    + (mine.isEmpty() ? "" : ": " + String.join(", ", mine)) + "\n" + ownerTable());
        }
        if (words.size() >= 3 && words.get(1).equals("duravip") && words.get(2).equals("move")) {
            if (words.size() != 6 || !words.get(4).equals("to")) {
                return ExecutionResult.rejected("Usage: cluster duravip move IP to HOST");
            }
            String ip = words.get(3);
            String host = words.get(5);
            if (!IPV4.matcher(ip).matches()) {
                return ExecutionResult.rejected("'" + ip + "' is not an IPv4 address");
            }
            if (!NAME.matcher(host).matches()) {
                return ExecutionResult.rejected("'" + host + "' is not a node name");
            }
            String previous = bindingOwners.put(ip, host);
            return ExecutionResult.ok("DuraVIP " + ip + " moved from " + (previous == null ? "(nobody)" : previous)
                    + " to " + host);
        }
        return ExecutionResult.error("Unknown cluster command '" + rest + "'");
    }

    private String ownerTable() {
        if (bindingOwners.isEmpty()) {
            return "DuraVIP bindings: none";
        }
        return "DuraVIP bindings:\n" + bindingOwners.entrySet().stream()
                .map(b -> "  " + b.getKey() + " owner=" + b.getValue())
                .collect(Collectors.joining("\n"));
    }

    private List<String> owned() {
        return bindingOwners.entrySet().stream().filter(b -> b.getValue().equals(node)).map(Map.Entry::getKey).toList();
    }

    /** {@code config get|eval|set|unset|show|showrecurse|locate …} on this node's own configuration, in the console grammar. */
    private ExecutionResult config(String commandText) {
        ParseResult parsed = GRAMMAR.parse(commandText);
        if (parsed instanceof ParseResult.Rejected) {
            return ExecutionResult.rejected(((ParseResult.Rejected) parsed).message());
        }
        Command.Config command = (Command.Config) ((ParseResult.Parsed) parsed).command();
        ConfigVerb verb = command.configVerb();
        try {
            if (verb == ConfigVerb.SET || verb == ConfigVerb.UNSET) {
                ConfigChanged change = config.change(command);
                config = config.apply(change);
                return ExecutionResult.ok(change.action() == ConfigChanged.Action.SET
                        ? change.option() + " = " + change.value().orElseThrow() + " in " + ConfigModel.describe(change.scopePath())
                        : change.option() + " unset in " + ConfigModel.describe(change.scopePath()));
            }
            if (verb == ConfigVerb.HISTORY || verb == ConfigVerb.WRITEBACK) {
                return ExecutionResult.error("config " + verb.word() + " is answered by the cluster manager, not by a node");
            }
            return ExecutionResult.ok(config.answer(command));
        } catch (ConfigRefusedException e) {
            return ExecutionResult.rejected(e.getMessage());
        }
    }

    private static String baseConfiguration(String node) {
        return "# ecelerity.conf of the simulated node " + node + "\n"
                + "Server_Name = \"" + node + "\"\n"
                + "Max_Outbound_Connections = 20000\n"
                + "Debug_Level = \"error\"\n"
                + "Control_Listener {\n"
                + "    Listen \"/tmp/2025\" {\n"
                + "        file_mode = 0666\n"
                + "    }\n"
                + "}\n";
    }

    private static void requireName(String what, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " '" + value + "' is not a valid name");
        }
    }

    @Override
    public String toString() {
        return "SimulatedNode[" + node + "@" + subcluster + "]";
    }
}
