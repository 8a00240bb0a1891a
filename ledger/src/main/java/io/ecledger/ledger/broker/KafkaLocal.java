package io.ecledger.ledger.broker;

import java.io.IOException;
import java.io.Reader;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The standalone local broker: an {@link EmbeddedKafka} in its own process until SIGTERM, as {@code ops/bin/kafka-local} runs it. */
public final class KafkaLocal {

    /** The line, up to the address, that tells {@code ops/bin/kafka-local} the broker serves. */
    public static final String READY = "kafka-local: ready at ";

    static final String USAGE = "usage: KafkaLocal [--port N] [--data DIR] [--users FILE --super-user NAME [--acls]]"
            + " [--node-id N --quorum ID@127.0.0.1:PORT,... --cluster-id ID]"
            + "   (defaults: --port 9092 --data ./data/kafka-local, plaintext without ACLs, a cluster of one)";

    private static final Logger LOG = LoggerFactory.getLogger(KafkaLocal.class);

    private KafkaLocal() {
    }

    /**
     * The flags, already checked: the port, the data directory, and for SASL a file of SCRAM users
     * ({@code NAME=PASSWORD} lines, so that no password shows in {@code ps}), which of them is the super user,
     * whether ACLs are on, and for one node of a multi-node cluster its place in the quorum.
     */
    record Options(int port, Path data, Optional<Path> users, String superUser, boolean acls, Optional<Quorum> quorum) {

        static final int DEFAULT_PORT = 9092;
        static final Path DEFAULT_DATA = Path.of("data", "kafka-local");

        Options {
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("--port must be 1-65535, was " + port);
            }
            if (users.isPresent() != !superUser.isEmpty()) {
                throw new IllegalArgumentException("--users FILE and --super-user NAME go together: SASL needs both");
            }
            if (acls && users.isEmpty()) {
                throw new IllegalArgumentException("--acls needs --users FILE and --super-user NAME: ACLs name SASL users");
            }
        }

        /** A plaintext broker without ACLs. */
        Options(int port, Path data) {
            this(port, data, Optional.empty(), "", false, Optional.empty());
        }

        /** The broker these options describe: a cluster of one, or a member of the quorum. */
        EmbeddedKafka broker() {
            return quorum.isPresent() ? EmbeddedKafka.member(data, port, security(), quorum.get())
                    : EmbeddedKafka.at(data, port, security());
        }

        /** The broker security the flags ask for, the users read from their file. */
        BrokerSecurity security() {
            if (users.isEmpty()) {
                return BrokerSecurity.open();
            }
            Properties loaded = new Properties();
            try (Reader reader = Files.newBufferedReader(users.get())) {
                loaded.load(reader);
            } catch (IOException | IllegalArgumentException e) {
                throw new IllegalArgumentException("--users: cannot read " + users.get() + ": " + e.getMessage(), e);
            }
            if (loaded.getProperty(superUser) == null) {
                throw new IllegalArgumentException("--super-user " + superUser + " has no password in " + users.get());
            }
            BrokerSecurity security = BrokerSecurity.scram(superUser, loaded.getProperty(superUser));
            for (String name : new TreeSet<>(loaded.stringPropertyNames())) {
                security = security.withUser(name, loaded.getProperty(name));
            }
            return acls ? security.withAcls() : security;
        }

        /** Reads {@code --port N} and {@code --data DIR} (also as {@code --flag=value}); anything else is refused. */
        static Options parse(String... args) {
            int port = DEFAULT_PORT;
            Path data = DEFAULT_DATA;
            Optional<Path> users = Optional.empty();
            String superUser = "";
            boolean acls = false;
            Map<String, String> member = new HashMap<>();
            for (int i = 0; i < args.length; i++) {
                String flag = args[i];
                if (flag.equals("--acls")) {
                    acls = true;
                    continue;
                }
                String value = null;
                int equals = flag.indexOf('=');
                if (flag.startsWith("--") && equals > 0) {
                    value = flag.substring(equals + 1);
                    flag = flag.substring(0, equals);
                }
                if (!List.of("--port", "--data", "--users", "--super-user", "--node-id", "--quorum", "--cluster-id")
                        .contains(flag)) {
                    throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
                }
                if (value == null) {
                    if (i + 1 == args.length) {
                        throw new IllegalArgumentException(flag + " needs a value");
                    }
                    value = args[++i];
                }
                if (flag.equals("--port")) {
                    port = parsePort(value);
                } else if (value.isBlank()) {
                    throw new IllegalArgumentException(flag.equals("--data") ? "--data needs a directory" : flag + " needs a value");
                } else if (flag.equals("--users")) {
                    users = Optional.of(Path.of(value));
                } else if (flag.equals("--super-user")) {
                    superUser = value;
                } else if (!flag.equals("--data")) {
                    member.put(flag, value);
                } else {
                    data = Path.of(value);
                }
            }
            return new Options(port, data, users, superUser, acls, quorum(member));
        }

        /** {@code --node-id}, {@code --quorum} and {@code --cluster-id} go together: a node of a cluster needs all three. */
        private static Optional<Quorum> quorum(Map<String, String> member) {
            if (member.isEmpty()) {
                return Optional.empty();
            }
            if (member.size() != 3) {
                throw new IllegalArgumentException("--node-id, --quorum and --cluster-id go together: a cluster node needs all three");
            }
            int nodeId;
            try {
                nodeId = Integer.parseInt(member.get("--node-id").strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--node-id must be a number, was '" + member.get("--node-id") + "'", e);
            }
            return Optional.of(Quorum.parse(nodeId, member.get("--quorum"), member.get("--cluster-id")));
        }

        private static int parsePort(String value) {
            try {
                return Integer.parseInt(value.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--port must be a number, was '" + value + "'", e);
            }
        }
    }

    /** Starts the broker, prints the ready line once a client is served, and runs until the process is told to stop. */
    public static void main(String[] args) throws InterruptedException {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("kafka-local: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }

        EmbeddedKafka kafka;
        try {
            kafka = options.broker();
        } catch (IllegalArgumentException e) {
            System.err.println("kafka-local: " + e.getMessage());
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (kafka.isRunning()) {
                LOG.info("Stopping on signal");
            }
            kafka.stop();
            stopped.countDown();
        }, "kafka-local-shutdown"));

        try {
            kafka.start();
            awaitClientService(kafka.bootstrapServers(), kafka.security());
        } catch (RuntimeException | ExecutionException | TimeoutException e) {
            // a taken port needs no stack trace; anything else from Kafka does
            if (e.getCause() instanceof BindException) {
                LOG.error("Kafka did not start: {}", e.getMessage());
            } else {
                LOG.error("Kafka did not start", e);
            }
            System.err.println("kafka-local: " + e.getMessage());
            System.exit(1);
            return;
        }
        System.out.println(READY + kafka.bootstrapServers() + " (data " + kafka.dataDirectory() + ", " + kafka.security() + ")");
        System.out.flush();
        stopped.await();
    }

    /** Proves a real client gets an answer, not just that the broker thinks it started. */
    private static void awaitClientService(String bootstrapServers, BrokerSecurity security)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, Object> props = new HashMap<>(security.superUserClientProperties());
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            String clusterId = admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
            LOG.info("Cluster {} answers at {}", clusterId, bootstrapServers);
        }
    }
}
