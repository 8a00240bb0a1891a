package io.ecledger.node;

import io.ecledger.ledger.command.Names;
import io.ecledger.ledger.event.NodeIdentity;
import io.ecledger.ledger.kafka.ClientProperties;
import io.ecledger.ledger.kafka.KafkaClientOverrides;
import io.ecledger.ledger.kafka.TopicLayout;
import io.ecledger.ledger.kafka.TopicSettings;
import io.ecledger.ledger.kafka.Topics;
import io.ecledger.ledger.sign.KeyFingerprint;
import io.ecledger.ledger.sign.ManagerKey;
import io.ecledger.ledger.sign.ManagerKeyException;
import io.ecledger.ledger.sign.NodeKey;
import io.ecledger.ledger.sign.VerifiedSignatures;
import io.ecledger.node.agent.AgentCrashedException;
import io.ecledger.node.agent.AgentFleet;
import io.ecledger.ledger.event.OutputParts;
import io.ecledger.node.agent.AgentSettings;
import io.ecledger.node.agent.CommandCheck;
import io.ecledger.node.agent.NodeAgent;
import io.ecledger.node.executor.EcConsoleExecutor;
import io.ecledger.node.executor.Executor;
import io.ecledger.node.executor.SimulatedNode;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** The node agent launcher: one agent per {@code --node}, until SIGTERM or until one of them fails. */
@Command(name = "ecnode", mixinStandardHelpOptions = true,
        description = "Runs ecledger node agents: each reads the ledger and answers the commands for its node.")
public final class NodeMain implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(NodeMain.class);
    private static final Pattern HOST_PORT = Pattern.compile("[^\\s:,]+:\\d{1,5}(,[^\\s:,]+:\\d{1,5})*");
    private static final AtomicBoolean SHUTTING_DOWN = new AtomicBoolean();

    /** How the agents run commands. */
    enum ExecutorKind { simulated, ec_console }

    /** One {@code --node NAME@SUBCLUSTER}. */
    record NodeSpec(String node, String subcluster) {}

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--kafka", required = true, paramLabel = "HOST:PORT", description = "Kafka bootstrap servers.")
    String kafka;

    @Option(names = "--node", required = true, paramLabel = "NAME@SUBCLUSTER", converter = NodeSpecConverter.class,
            description = "A node to run an agent for; repeat for several.")
    List<NodeSpec> nodes = new ArrayList<>();

    @Option(names = "--executor", defaultValue = "simulated", paramLabel = "simulated|ec_console",
            description = "How commands run: an in-memory simulated node, or the real console (default ${DEFAULT-VALUE}).")
    ExecutorKind executor;

    @Option(names = "--console-program", paramLabel = "PATH",
            description = "The console program of --executor ec_console (default /opt/msys/ecelerity/bin/ec_console).")
    Path consoleProgram = EcConsoleExecutor.DEFAULT_PROGRAM;

    @Option(names = "--topic-prefix", defaultValue = TopicLayout.DEFAULT_PREFIX, paramLabel = "PREFIX",
            description = "Prefix of the ledger, responses and membership topics (default ${DEFAULT-VALUE}).")
    String topicPrefix;

    @Option(names = "--manager-key", paramLabel = "FILE",
            description = "The manager's public key (PEM or base64), as 'ecledger key show' prints it or the manager"
                    + " writes it to <data>/manager-key.pub.pem; commands it did not sign are not run. Required.")
    Path managerKey;

    @Option(names = "--max-deadline", paramLabel = "DURATION", defaultValue = "PT1H",
            description = "Refuse commands whose deadline is further than this after they were issued"
                    + " (ISO-8601, default ${DEFAULT-VALUE}).")
    Duration maxDeadline;

    @Option(names = "--answered-window", paramLabel = "N", defaultValue = "100000",
            description = "Remember this many command ids as answered, preloaded from the ledger before the start"
                    + " offset on a restart, so a copy is refused (default ${DEFAULT-VALUE}).")
    int answeredWindow;

    @Option(names = "--commit-every", paramLabel = "N", defaultValue = "" + AgentSettings.DEFAULT_COMMIT_EVERY,
            description = "Commit the ledger offset past records not for the node after this many of them, if no"
                    + " answer committed it first; a restart reads at most that many again (default ${DEFAULT-VALUE}).")
    int commitEvery;

    @Option(names = "--commit-interval", paramLabel = "DURATION", defaultValue = "PT30S",
            description = "Commit it at the latest this long after the first of them was read"
                    + " (ISO-8601, default ${DEFAULT-VALUE}).")
    Duration commitInterval;

    @Option(names = "--batch-answers", paramLabel = "N", defaultValue = "" + AgentSettings.DEFAULT_BATCH_ANSWERS,
            description = "Publish up to this many answers to one poll in one transaction; 1 commits each on its own"
                    + " (default ${DEFAULT-VALUE}).")
    int batchAnswers;

    @Option(names = "--batch-age", paramLabel = "DURATION", defaultValue = "PT0.1S",
            description = "Start no further command of the poll once the first answer waiting for that transaction"
                    + " is this old (ISO-8601, default ${DEFAULT-VALUE}).")
    Duration batchAge;

    @Option(names = "--inline-output", paramLabel = "BYTES", defaultValue = "" + OutputParts.DEFAULT_INLINE,
            description = "Carry at most this many bytes of an answer's output in the answer itself; the rest follows"
                    + " it in parts, in the same transaction (default ${DEFAULT-VALUE}).")
    int inlineOutput;

    @Option(names = "--parallelism", paramLabel = "N", defaultValue = "" + AgentFleet.DEFAULT_PARALLELISM,
            description = "Start and stop this many agents at a time (default ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = "data/nodes",
            description = "Where each agent keeps its own state, in DIR/<node>: its node key (node-key.pem, mode 0600),"
                    + " made on first start and accepted on the manager with 'node accept' (default ${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(names = "--kafka-config", paramLabel = "FILE",
            description = "Kafka client properties (Java properties, e.g. security.protocol=SASL_SSL, sasl.*, ssl.*)"
                    + " for every client the agents make.")
    Path kafkaConfig;

    /** Turns {@code rh52bare@east} into a node spec, or says what is wrong in one line. */
    static final class NodeSpecConverter implements CommandLine.ITypeConverter<NodeSpec> {
        @Override
        public NodeSpec convert(String value) {
            String[] parts = value.split("@", -1);
            if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
                throw new CommandLine.TypeConversionException("--node must be NAME@SUBCLUSTER, was '" + value + "'");
            }
            try {
                return new NodeSpec(Names.require("node", parts[0]), Names.require("subcluster", parts[1]));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("--node " + value + ": " + e.getMessage());
            }
        }
    }

    public static void main(String[] args) {
        int code = commandLine().execute(args);
        // during SIGTERM the JVM is already exiting; System.exit would wait for our own shutdown hook forever
        if (!SHUTTING_DOWN.get()) {
            System.exit(code);
        }
    }

    /** The parser with one-line errors: the message and a pointer to --help, not the whole usage. */
    static CommandLine commandLine() {
        CommandLine line = new CommandLine(new NodeMain());
        line.setParameterExceptionHandler((e, args) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("ecnode: " + e.getMessage().replaceFirst("^Invalid value for option '--node'[^:]*: ", ""));
            err.println("Try 'ecnode --help' for the options.");
            return CommandLine.ExitCode.USAGE;
        });
        return line;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (!HOST_PORT.matcher(kafka).matches()) {
            err.println("ecnode: --kafka must be HOST:PORT, was '" + kafka + "'");
            return CommandLine.ExitCode.USAGE;
        }
        Map<String, String> members = new LinkedHashMap<>();
        for (NodeSpec spec : nodes) {
            if (members.put(spec.node(), spec.subcluster()) != null) {
                err.println("ecnode: --node " + spec.node() + " is given more than once");
                return CommandLine.ExitCode.USAGE;
            }
        }
        TopicLayout layout;
        try {
            layout = new TopicLayout(topicPrefix);
        } catch (IllegalArgumentException e) {
            err.println("ecnode: --topic-prefix: " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        }
        KafkaClientOverrides overrides;
        try {
            overrides = kafkaConfig == null ? KafkaClientOverrides.none() : KafkaClientOverrides.read(kafkaConfig);
        } catch (IllegalArgumentException e) {
            err.println("ecnode: --kafka-config: " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        }

        if (managerKey == null) {
            err.println("ecnode: --manager-key FILE is required: the manager's public key, which 'ops/bin/ecledger key"
                    + " show' prints and the manager keeps in <data>/" + ManagerKey.PUBLIC_FILE);
            return CommandLine.ExitCode.USAGE;
        }
        PublicKey pinned;
        AgentSettings settings;
        try {
            pinned = ManagerKey.readPublic(managerKey);
            settings = AgentSettings.defaults().withMaxDeadline(maxDeadline).withAnsweredWindow(answeredWindow);
            new CommandCheck(pinned, settings.maxDeadline());
        } catch (ManagerKeyException | IllegalArgumentException e) {
            err.println("ecnode: --manager-key / --max-deadline / --answered-window: " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        }
        try {
            settings = settings.withLazyCommits(commitEvery, commitInterval);
        } catch (IllegalArgumentException e) {
            err.println("ecnode: --commit-every / --commit-interval: " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        }
        try {
            settings = settings.withBatches(batchAnswers, batchAge);
        } catch (IllegalArgumentException e) {
            err.println("ecnode: --batch-answers / --batch-age: " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        }
        try {
            settings = settings.withInlineOutput(inlineOutput);
        } catch (IllegalArgumentException e) {
            err.println("ecnode: --inline-output: " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        }
        if (parallelism < 1) {
            err.println("ecnode: --parallelism must be at least 1, was " + parallelism);
            return CommandLine.ExitCode.USAGE;
        }
        LOG.info("pinned the manager key fingerprint={} file={} maxDeadline={}", KeyFingerprint.of(pinned), managerKey,
                settings.maxDeadline());

        try (Admin admin = Admin.create(ClientProperties.admin(kafka, "ecledger-node-admin", overrides))) {
            // topics this agent makes before the manager does are replicated as the cluster allows, not once
            int brokers = admin.describeCluster().nodes().get(30, java.util.concurrent.TimeUnit.SECONDS).size();
            Topics topics = new Topics(admin, layout, TopicSettings.forCluster(brokers));
            topics.ensure();
            boolean brokerClock = topics.membershipStampedByBroker();
            if (!brokerClock) {
                LOG.warn("topic {} is not stamped by the broker (message.timestamp.type is not LogAppendTime): the agents"
                        + " judge deadlines and stamp their records on this machine's own clock", layout.membership());
            }
            settings = settings.withBrokerClock(brokerClock);
        } catch (RuntimeException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            err.println("ecnode: cannot prepare the topics on " + kafka + ": " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }

        Map<String, NodeKey> nodeKeys = new LinkedHashMap<>();
        for (NodeSpec spec : nodes) {
            try {
                nodeKeys.put(spec.node(), NodeKey.loadOrCreate(stateDir.resolve(spec.node())));
            } catch (ManagerKeyException e) {
                err.println("ecnode: --state-dir: " + e.getMessage());
                return 1;
            }
        }

        String host = hostName();
        String version = String.valueOf(NodeMain.class.getPackage().getImplementationVersion());
        Optional<String> badName = announcementRefusal(host, version);
        if (badName.isPresent()) {
            err.println("ecnode: " + badName.get());
            return CommandLine.ExitCode.USAGE;
        }
        if (nodes.size() > 1) {
            // every agent here checks every ledger event's signature: one Ed25519 verification each is enough
            VerifiedSignatures.rememberInThisProcess();
        }
        List<NodeAgent> agents = new ArrayList<>();
        for (NodeSpec spec : nodes) {
            NodeIdentity identity = new NodeIdentity(spec.node(), spec.subcluster(), host, version);
            agents.add(new NodeAgent(kafka, overrides, layout, identity, pinned, nodeKeys.get(spec.node()),
                    executorFor(spec, members), Clock.systemUTC(), settings));
        }
        AgentFleet fleet = new AgentFleet(agents, parallelism);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            SHUTTING_DOWN.set(true);
            LOG.info("SIGTERM: stopping {} node agent(s), {} at a time", agents.size(), parallelism);
            fleet.stop();
        }, "ecnode-shutdown"));
        // an agent whose start threw is logged and not waited for; the others keep running
        List<NodeAgent> unstarted = fleet.start();
        if (!unstarted.isEmpty()) {
            LOG.error("{} of {} node agent(s) did not start: {}", unstarted.size(), agents.size(),
                    unstarted.stream().map(a -> a.identity().node()).toList());
            if (unstarted.size() == agents.size()) {
                return 1;
            }
        }

        // runs until SIGTERM stops every agent, or one agent stops on its own (fenced, crashed)
        boolean crashed = false;
        try {
            CompletableFuture.anyOf(agents.stream().filter(a -> !unstarted.contains(a)).map(NodeAgent::stopped)
                    .toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            crashed = true;
            String node = e.getCause() instanceof AgentCrashedException c ? c.node() : "?";
            LOG.error("node agent of node={} failed; stopping the others", node);
        }
        fleet.stop();
        return crashed || !unstarted.isEmpty() ? 1 : 0;
    }

    private Executor executorFor(NodeSpec spec, Map<String, String> members) {
        if (executor == ExecutorKind.simulated) {
            return new SimulatedNode(spec.node(), spec.subcluster(), members);
        }
        if (executor == ExecutorKind.ec_console) {
            return new EcConsoleExecutor(consoleProgram, EcConsoleExecutor.DEFAULT_TIMEOUT,
                    EcConsoleExecutor.DEFAULT_OUTPUT_CAP);
        }
        throw new AssertionError("executor kind " + executor);
    }

    /**
     * Why an agent on {@code host} at {@code version} must not start, or empty: an announcement that breaks the name
     * rule would be quarantined by the manager, and the node would never be a member.
     */
    static Optional<String> announcementRefusal(String host, String version) {
        return Names.refusal("host", host).or(() -> Names.refusal("version", version))
                .map(reason -> "this agent cannot announce itself: " + reason);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
