package io.ecledger.node.executor;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    // defaults of the options this node knows; 'config eval' falls back to them
    private static final Map<String, String> DEFAULTS = Map.of(
            "Server_Name", "",
            "Max_Outbound_Connections", "20000",
            "Max_Resident_Active_Queue", "250",
            "Keep_Message_Dicts_In_Memory", "false",
            "Debug_Level", "error");

    private final String node;
    private final String subcluster;
    private final Map<String, String> members;
    private final Map<String, String> bindingOwners = new TreeMap<>();
    private final Map<String, String> options = new TreeMap<>();
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
        options.put("Server_Name", node);
    }

    @Override
    public synchronized ExecutionResult run(String commandText) {
        List<String> words = commandText == null ? List.of()
                : Arrays.stream(commandText.strip().split("\\s+")).filter(w -> !w.isEmpty()).toList();
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
            return config(words);
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

    private ExecutionResult config(List<String> words) {
        if (words.size() < 2) {
            return ExecutionResult.rejected("Usage: config get|set|eval OPTION [VALUE]");
        }
        String sub = words.get(1);
        List<String> args = words.subList(2, words.size());
        if (sub.equals("get") || sub.equals("eval")) {
            if (args.size() != 1) {
                // scopes before the option are not simulated: this node has only the global scope
                return ExecutionResult.rejected("Usage: config " + sub + " OPTION (scopes are not simulated)");
            }
            String option = args.get(0);
            Optional<String> known = knownOption(option);
            if (known.isEmpty()) {
                return ExecutionResult.error("Unknown option '" + option + "'");
            }
            String value = options.get(known.get());
            if (sub.equals("get")) {
                return value == null ? ExecutionResult.error("Option '" + known.get() + "' is not set in this scope")
                        : ExecutionResult.ok(known.get() + " = " + value);
            }
            return ExecutionResult.ok(known.get() + " = " + (value == null ? DEFAULTS.get(known.get()) : value));
        }
        if (sub.equals("set")) {
            List<String> valueWords = args.size() >= 2 && args.get(1).equals("=") ? args.subList(2, args.size())
                    : args.subList(Math.min(1, args.size()), args.size());
            if (args.isEmpty() || valueWords.isEmpty()) {
                return ExecutionResult.rejected("Usage: config set OPTION [=] VALUE");
            }
            Optional<String> known = knownOption(args.get(0));
            if (known.isEmpty()) {
                return ExecutionResult.error("Unknown option '" + args.get(0) + "'");
            }
            String value = String.join(" ", valueWords);
            options.put(known.get(), value);
            return ExecutionResult.ok(known.get() + " = " + value);
        }
        return ExecutionResult.error("Unknown config command '" + sub + "'");
    }

    // ecelerity option names are case-insensitive; answers use the canonical spelling
    private static Optional<String> knownOption(String option) {
        return DEFAULTS.keySet().stream().filter(k -> k.equalsIgnoreCase(option)).findFirst();
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
