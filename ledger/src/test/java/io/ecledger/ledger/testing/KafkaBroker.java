package io.ecledger.ledger.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.ecledger.ledger.broker.EmbeddedKafka;
import io.ecledger.ledger.kafka.TopicLayout;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * JUnit 5 extension giving tests one Kafka broker per JVM: Testcontainers' Kafka where Docker runs,
 * otherwise {@link EmbeddedKafka} in a temporary directory.
 *
 * <p>Use {@code @ExtendWith(KafkaBroker.class)} and take a {@link Handle} parameter. Set
 * {@code ECLEDGER_TEST_KAFKA=embedded} or {@code testcontainers} to force a choice.
 */
public final class KafkaBroker implements ParameterResolver {

    /** The environment variable that forces the broker kind: {@code embedded} or {@code testcontainers}. */
    public static final String CHOICE_VARIABLE = "ECLEDGER_TEST_KAFKA";
    /** The image Testcontainers runs; its Kafka is compatible with our 4.4 clients. */
    public static final String IMAGE = "apache/kafka:4.0.0";

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBroker.class);
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KafkaBroker.class);

    /** What a test gets: where the shared broker is, and a way not to collide with other tests on it. */
    public interface Handle {

        /** {@code host:port} for the clients' {@code bootstrap.servers}. */
        String bootstrapServers();

        /** A topic-name prefix never handed out before in this JVM, e.g. {@code t7-3fa9c1.}. */
        String uniquePrefix();

        /** The topics of a {@link #uniquePrefix()}, for the manager, agents and ledgers of one test. */
        default TopicLayout uniqueLayout() {
            // a layout joins its prefix to the topic names with a dot of its own
            return new TopicLayout(uniquePrefix().replaceAll("\\.+$", ""));
        }

        /** An admin client on the shared broker; shared by all tests, so never close it. */
        Admin admin();

        /** {@code embedded} or {@code testcontainers}. */
        String kind();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Handle.class;
    }

    @Override
    public Handle resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return shared(context);
    }

    /** The broker of this JVM, started on first use and stopped when the root context closes at the end of the run. */
    public static Handle shared(ExtensionContext context) {
        // AutoCloseable values in the root store are closed at the end of the run (JUnit 5.13+,
        // which deprecated Store.CloseableResource for exactly this)
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(SharedBroker.class, key -> SharedBroker.start(), SharedBroker.class);
    }

    /** The running broker behind every {@link Handle} of this JVM. */
    private static final class SharedBroker implements Handle, AutoCloseable {
        private static final AtomicInteger PREFIXES = new AtomicInteger();

        private final String kind;
        private final String bootstrapServers;
        private final AutoCloseable broker;
        private final Path directory;
        private Admin admin;

        private SharedBroker(String kind, String bootstrapServers, AutoCloseable broker, Path directory) {
            this.kind = kind;
            this.bootstrapServers = bootstrapServers;
            this.broker = broker;
            this.directory = directory;
        }

        static SharedBroker start() {
            String choice = choose();
            long began = System.nanoTime();
            SharedBroker started = "testcontainers".equals(choice) ? startContainer() : startEmbedded();
            LOG.info("Tests use the {} Kafka broker at {} (started in {} ms)", started.kind, started.bootstrapServers,
                    (System.nanoTime() - began) / 1_000_000);
            return started;
        }

        private static String choose() {
            String forced = System.getenv(CHOICE_VARIABLE);
            if (forced != null && !forced.isBlank()) {
                String choice = forced.strip().toLowerCase(Locale.ROOT);
                if (!choice.equals("embedded") && !choice.equals("testcontainers")) {
                    throw new IllegalArgumentException(CHOICE_VARIABLE + " must be 'embedded' or 'testcontainers', was '"
                            + forced + "'");
                }
                return choice;
            }
            return dockerAvailable() ? "testcontainers" : "embedded";
        }

        /**
         * Asks Testcontainers only when some Docker endpoint could exist: without one, its probe
         * tries every strategy and logs a page of errors before saying no.
         */
        private static boolean dockerAvailable() {
            Path home = Path.of(System.getProperty("user.home"));
            boolean endpointHint = System.getenv("DOCKER_HOST") != null
                    || Files.exists(Path.of("/var/run/docker.sock"))
                    || Files.exists(home.resolve(".docker/run/docker.sock"))
                    || Files.exists(home.resolve(".testcontainers.properties"));
            if (!endpointHint) {
                return false;
            }
            try {
                return DockerClientFactory.instance().isDockerAvailable();
            } catch (RuntimeException | LinkageError e) {
                LOG.debug("Docker probe failed, using the embedded broker", e);
                return false;
            }
        }

        private static SharedBroker startContainer() {
            KafkaContainer container = new KafkaContainer(IMAGE)
                    // the same settings the embedded broker uses, so tests behave alike on both
                    .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                    .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
            container.start();
            return new SharedBroker("testcontainers", container.getBootstrapServers(), container::stop, null);
        }

        private static SharedBroker startEmbedded() {
            Path directory;
            try {
                directory = Files.createTempDirectory("ecledger-test-kafka-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a directory for the test broker", e);
            }
            EmbeddedKafka kafka = EmbeddedKafka.at(directory).start();
            return new SharedBroker("embedded", kafka.bootstrapServers(), kafka, directory);
        }

        @Override
        public String bootstrapServers() {
            return bootstrapServers;
        }

        @Override
        public String uniquePrefix() {
            String random = UUID.randomUUID().toString().substring(0, 6);
            return "t" + PREFIXES.incrementAndGet() + "-" + random + ".";
        }

        @Override
        public synchronized Admin admin() {
            if (admin == null) {
                admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
            }
            return admin;
        }

        @Override
        public String kind() {
            return kind;
        }

        @Override
        public synchronized void close() throws Exception {
            if (admin != null) {
                admin.close();
            }
            broker.close();
            if (directory != null) {
                deleteRecursively(directory);
            }
            LOG.info("Test Kafka broker at {} stopped", bootstrapServers);
        }

        private static void deleteRecursively(Path directory) throws IOException {
            try (Stream<Path> paths = Files.walk(directory)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }
}
