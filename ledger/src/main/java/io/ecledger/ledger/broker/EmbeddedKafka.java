package io.ecledger.ledger.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A single-node Apache Kafka broker (KRaft, broker and controller combined) running inside this JVM. */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

    /** The file in the data directory that remembers the ports across restarts. */
    static final String PORTS_FILE = "ports.properties";
    /** The subdirectory of the data directory that holds Kafka's log (and metadata) directory. */
    static final String LOG_DIR = "kafka-logs";

    private static final String HOST = "127.0.0.1";
    private static final int NODE_ID = 1;
    private static final String BROKER_PORT_KEY = "broker.port";
    private static final String CONTROLLER_PORT_KEY = "controller.port";
    // Kafka's minimum for SCRAM-SHA-256 and the default of kafka-storage format --add-scram
    private static final int SCRAM_ITERATIONS = 4096;

    private final Path dataDirectory;
    private final int requestedBrokerPort;
    private final BrokerSecurity security;
    // empty: a cluster of one, its controller port chosen here; else a member of a quorum that fixes it
    private final Optional<Quorum> quorum;

    private KafkaRaftServer server;
    private int brokerPort;

    private EmbeddedKafka(Path dataDirectory, int requestedBrokerPort, BrokerSecurity security, Optional<Quorum> quorum) {
        this.dataDirectory = dataDirectory.toAbsolutePath().normalize();
        this.requestedBrokerPort = requestedBrokerPort;
        this.security = security;
        this.quorum = quorum;
    }

    /** A broker keeping its data in {@code dataDirectory}, on the port it used before there or else a free one. */
    public static EmbeddedKafka at(Path dataDirectory) {
        return at(dataDirectory, 0);
    }

    /**
     * A broker keeping its data in {@code dataDirectory} and listening on {@code brokerPort};
     * 0 means the port it used before in that directory, or else a free one.
     */
    public static EmbeddedKafka at(Path dataDirectory, int brokerPort) {
        return at(dataDirectory, brokerPort, BrokerSecurity.open());
    }

    /**
     * As {@link #at(Path, int)}, its client listener secured as {@code security} says (SASL users, ACLs); the
     * users are stored when the directory is formatted and updated on every later start.
     */
    public static EmbeddedKafka at(Path dataDirectory, int brokerPort, BrokerSecurity security) {
        checkArguments(dataDirectory, brokerPort, security);
        return new EmbeddedKafka(dataDirectory, brokerPort, security, Optional.empty());
    }

    private static void checkArguments(Path dataDirectory, int brokerPort, BrokerSecurity security) {
        if (security == null) {
            throw new IllegalArgumentException("broker security must be given (BrokerSecurity.open() for none)");
        }
        if (dataDirectory == null) {
            throw new IllegalArgumentException("data directory must be given");
        }
        if (brokerPort < 0 || brokerPort > 65_535) {
            throw new IllegalArgumentException("broker port must be 0 (any) or 1-65535, was " + brokerPort);
        }
    }

    /**
     * One node of a multi-node cluster on this machine (broker and controller), listening for clients on
     * {@code brokerPort} and for its peers on the controller port {@code quorum} gives it. Internal topics are
     * replicated to every voter (at most three) and writes need two in-sync replicas of three.
     */
    public static EmbeddedKafka member(Path dataDirectory, int brokerPort, BrokerSecurity security, Quorum quorum) {
        if (brokerPort == 0 || quorum.controllerPorts().containsValue(brokerPort)) {
            throw new IllegalArgumentException("a quorum member needs its own broker port, not 0 or a controller port");
        }
        checkArguments(dataDirectory, brokerPort, security);
        return new EmbeddedKafka(dataDirectory, brokerPort, security, Optional.of(quorum));
    }

    /**
     * Formats the storage if this directory never held a broker, then starts the broker and
     * returns once it serves clients.
     *
     * @throws EmbeddedKafkaException if a port is taken, the directory is unusable or the broker fails
     */
    public synchronized EmbeddedKafka start() {
        if (server != null) {
            return this;
        }
        long began = System.nanoTime();
        Ports ports = choosePorts();
        requireFree(ports.broker(), "broker");
        requireFree(ports.controller(), "controller");

        Path logDir = dataDirectory.resolve(LOG_DIR);
        try {
            Files.createDirectories(logDir);
            ports.save(dataDirectory.resolve(PORTS_FILE));
        } catch (IOException | UncheckedIOException e) {
            throw new EmbeddedKafkaException("cannot prepare the data directory " + dataDirectory + ": " + e.getMessage(), e);
        }

        KafkaConfig config = KafkaConfig.fromProps(properties(ports, logDir), false);
        boolean formatted = formatIfNew(config, logDir);

        KafkaRaftServer starting = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            starting.startup();
        } catch (RuntimeException e) {
            // a half-started server still holds threads, sockets and the directory lock
            shutDown(starting);
            throw new EmbeddedKafkaException("Kafka broker failed to start on " + HOST + ":" + ports.broker()
                    + " with data in " + dataDirectory + ": " + e.getMessage(), e);
        }
        server = starting;
        brokerPort = ports.broker();
        if (!formatted && security.sasl()) {
            upsertUsers();
        }
        LOG.info("Kafka broker started at {} ({}; data {}{}) in {} ms",
                bootstrapServers(), security, dataDirectory, formatted ? ", newly formatted" : "",
                Duration.ofNanos(System.nanoTime() - began).toMillis());
        return this;
    }

    /** {@code 127.0.0.1:PORT} for the {@code bootstrap.servers} of clients; only while started. */
    public synchronized String bootstrapServers() {
        if (server == null) {
            throw new IllegalStateException("the broker in " + dataDirectory + " is not started");
        }
        return HOST + ":" + brokerPort;
    }

    /** How clients authenticate and what they may do; {@link BrokerSecurity#open()} unless given. */
    public BrokerSecurity security() {
        return security;
    }

    /** The directory holding the broker's data, the ports it uses and its metadata. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** True between a successful {@link #start()} and {@link #stop()}. */
    public synchronized boolean isRunning() {
        return server != null;
    }

    /** Shuts the broker down and waits until it has; does nothing when it is not running. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        long began = System.nanoTime();
        shutDown(server);
        server = null;
        LOG.info("Kafka broker at {}:{} stopped in {} ms", HOST, brokerPort,
                Duration.ofNanos(System.nanoTime() - began).toMillis());
    }

    @Override
    public void close() {
        stop();
    }

    private static void shutDown(KafkaRaftServer server) {
        try {
            server.shutdown();
        } finally {
            server.awaitShutdown();
        }
    }

    /** Ports saved in the data directory win: the controller's address is part of the metadata. */
    private Ports choosePorts() {
        Ports saved = Ports.load(dataDirectory.resolve(PORTS_FILE));
        int broker = requestedBrokerPort != 0 ? requestedBrokerPort
                : saved != null ? saved.broker() : freePort();
        int controller = quorum.isPresent() ? quorum.get().controllerPort()
                : saved != null ? saved.controller() : freePort(broker);
        if (controller == broker) {
            throw new EmbeddedKafkaException("broker port " + broker + " is the controller port saved in "
                    + dataDirectory.resolve(PORTS_FILE) + "; choose another broker port");
        }
        return new Ports(broker, controller);
    }

    private Properties properties(Ports ports, Path logDir) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(nodeId()));
        p.put("controller.quorum.voters", quorum.map(Quorum::voters).orElse(NODE_ID + "@" + HOST + ":" + ports.controller()));
        String listener = security.sasl() ? "SASL_PLAINTEXT" : "PLAINTEXT";
        p.put("listeners", listener + "://" + HOST + ":" + ports.broker() + ",CONTROLLER://" + HOST + ":" + ports.controller());
        p.put("advertised.listeners", listener + "://" + HOST + ":" + ports.broker());
        p.put("listener.security.protocol.map", listener + ":" + listener + ",CONTROLLER:" + listener);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", listener);
        if (security.sasl()) {
            secure(p);
        }
        p.put("log.dirs", logDir.toString());
        // one node: internal topics cannot have more replicas than that; a quorum of three: three, two in sync
        String replicas = String.valueOf(quorum.map(Quorum::replicationFactor).orElse(1));
        String inSync = String.valueOf(quorum.map(Quorum::minInsyncReplicas).orElse(1));
        p.put("offsets.topic.replication.factor", replicas);
        p.put("transaction.state.log.replication.factor", replicas);
        p.put("transaction.state.log.min.isr", inSync);
        p.put("share.coordinator.state.topic.replication.factor", replicas);
        p.put("share.coordinator.state.topic.min.isr", inSync);
        p.put("min.insync.replicas", inSync);
        p.put("default.replication.factor", replicas);
        // a single consumer should not wait 3 s for others that will never join
        p.put("group.initial.rebalance.delay.ms", "0");
        // topics are created deliberately, with their partitions and retention
        p.put("auto.create.topics.enable", "false");
        // the log cleaner's key map is allocated whole on the manager's heap: Kafka's 128 MB default was a quarter of
        // the manager's idle RSS. 16 MB maps ~600k distinct keys per pass; the compacted topics here (membership,
        // consumer offsets, transaction state) hold a few per node
        p.put("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
        // a transaction begun right after the last one committed waits for that one's markers: Kafka's broker retries
        // every 20 ms, which was most of a manager append's time (a raw transactional producer back to back: p90 23 ms
        // at 20, 7 ms at 1); appends follow each other closely, agents' answers too
        p.put("add.partitions.to.txn.retry.backoff.ms", "1");
        return p;
    }

    /**
     * SCRAM for clients; PLAIN with only the super user on the controller listener, because KRaft controllers cannot
     * use SCRAM (its credentials live in the metadata they serve). The broker is its own super user on both.
     */
    private void secure(Properties p) {
        String user = security.superUser();
        String password = security.users().get(user);
        p.put("sasl.mechanism.inter.broker.protocol", BrokerSecurity.MECHANISM);
        p.put("listener.name.sasl_plaintext.sasl.enabled.mechanisms", BrokerSecurity.MECHANISM);
        p.put("listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config", BrokerSecurity.scramJaas(user, password));
        p.put("sasl.mechanism.controller.protocol", "PLAIN");
        p.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
        p.put("listener.name.controller.plain.sasl.jaas.config", BrokerSecurity.plainJaas(user, password));
        if (security.acls()) {
            p.put("authorizer.class.name", BrokerSecurity.AUTHORIZER);
            p.put("super.users", security.superPrincipal());
            // the default, said out loud: a resource without ACLs is closed to everyone but the super user
            p.put("allow.everyone.if.no.acl.found", "false");
        }
    }

    /** Users added or with a new password since the directory was formatted: SCRAM credentials live in the metadata. */
    private void upsertUsers() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.putAll(security.superUserClientProperties());
        try (Admin admin = Admin.create(props)) {
            List<UserScramCredentialAlteration> upserts = new ArrayList<>();
            security.users().forEach((name, password) -> upserts.add(new UserScramCredentialUpsertion(name,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_256, SCRAM_ITERATIONS), password)));
            admin.alterUserScramCredentials(upserts).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            stop();
            throw new EmbeddedKafkaException("Kafka broker at " + HOST + ":" + brokerPort
                    + " started but its SASL users could not be stored: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            throw new EmbeddedKafkaException("interrupted while storing the SASL users", e);
        }
    }

    private List<String> scramArguments() {
        List<String> arguments = new ArrayList<>();
        security.users().forEach((name, password) -> arguments.add(BrokerSecurity.MECHANISM + "=[name=" + name
                + ",iterations=" + SCRAM_ITERATIONS + ",password=" + password + "]"));
        return arguments;
    }

    /** Formats only a directory without {@code meta.properties}: formatting again would change the cluster id. */
    private boolean formatIfNew(KafkaConfig config, Path logDir) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return false;
        }
        try (PrintStream out = new PrintStream(new LineLogger(), true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(out)
                    .setNodeId(nodeId())
                    .setClusterId(quorum.map(Quorum::clusterId).orElseGet(() -> Uuid.randomUuid().toString()))
                    .setDirectories(List.of(logDir.toString()))
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .setControllerListenerName("CONTROLLER")
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setScramArguments(scramArguments())
                    .run();
        } catch (Exception e) {
            throw new EmbeddedKafkaException("cannot format Kafka storage in " + logDir + ": " + e.getMessage(), e);
        }
        return true;
    }

    private int nodeId() {
        return quorum.map(Quorum::nodeId).orElse(NODE_ID);
    }

    private static void requireFree(int port, String role) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
        } catch (IOException e) {
            throw new EmbeddedKafkaException("cannot start Kafka: " + role + " port " + HOST + ":" + port
                    + " is already in use (" + e.getMessage() + ")", e);
        }
    }

    private static int freePort(int... avoid) {
        for (int attempt = 0; attempt < 10; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
                int port = socket.getLocalPort();
                if (Arrays.stream(avoid).noneMatch(a -> a == port)) {
                    return port;
                }
            } catch (IOException e) {
                throw new EmbeddedKafkaException("cannot find a free port on " + HOST, e);
            }
        }
        throw new EmbeddedKafkaException("cannot find a free port on " + HOST);
    }

    /** The broker and controller ports, as saved in the data directory. */
    private record Ports(int broker, int controller) {

        static Ports load(Path file) {
            if (!Files.exists(file)) {
                return null;
            }
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
                return new Ports(Integer.parseInt(p.getProperty(BROKER_PORT_KEY).trim()),
                        Integer.parseInt(p.getProperty(CONTROLLER_PORT_KEY).trim()));
            } catch (IOException | RuntimeException e) {
                throw new EmbeddedKafkaException("cannot read the ports saved in " + file
                        + " (expected " + BROKER_PORT_KEY + " and " + CONTROLLER_PORT_KEY + ")", e);
            }
        }

        void save(Path file) {
            Properties p = new Properties();
            p.setProperty(BROKER_PORT_KEY, String.valueOf(broker));
            p.setProperty(CONTROLLER_PORT_KEY, String.valueOf(controller));
            try (OutputStream out = Files.newOutputStream(file)) {
                p.store(out, "ports of the embedded Kafka broker; the controller port is part of its metadata");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot save the broker ports in " + file, e);
            }
        }
    }

    /** Sends what the Formatter prints, line by line, to the log instead of stdout. */
    private static final class LineLogger extends OutputStream {
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        @Override
        public void write(int b) {
            if (b == '\n') {
                flushLine();
            } else {
                line.write(b);
            }
        }

        @Override
        public void close() {
            flushLine();
        }

        private void flushLine() {
            String text = line.toString(StandardCharsets.UTF_8).strip();
            line.reset();
            if (!text.isEmpty()) {
                LOG.debug("format: {}", text);
            }
        }
    }
}
