package io.ecledger.ledger.broker;

import java.net.BindException;
import java.nio.file.Path;
import java.util.Map;
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

    static final String USAGE = "usage: KafkaLocal [--port N] [--data DIR]   (defaults: --port 9092 --data ./data/kafka-local)";

    private static final Logger LOG = LoggerFactory.getLogger(KafkaLocal.class);

    private KafkaLocal() {
    }

    /** The two flags, already checked. */
    record Options(int port, Path data) {

        static final int DEFAULT_PORT = 9092;
        static final Path DEFAULT_DATA = Path.of("data", "kafka-local");

        Options {
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("--port must be 1-65535, was " + port);
            }
        }

        /** Reads {@code --port N} and {@code --data DIR} (also as {@code --flag=value}); anything else is refused. */
        static Options parse(String... args) {
            int port = DEFAULT_PORT;
            Path data = DEFAULT_DATA;
            for (int i = 0; i < args.length; i++) {
                String flag = args[i];
                String value = null;
                int equals = flag.indexOf('=');
                if (flag.startsWith("--") && equals > 0) {
                    value = flag.substring(equals + 1);
                    flag = flag.substring(0, equals);
                }
                if (!flag.equals("--port") && !flag.equals("--data")) {
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
                    throw new IllegalArgumentException("--data needs a directory");
                } else {
                    data = Path.of(value);
                }
            }
            return new Options(port, data);
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

        EmbeddedKafka kafka = EmbeddedKafka.at(options.data(), options.port());
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
            awaitClientService(kafka.bootstrapServers());
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
        System.out.println(READY + kafka.bootstrapServers() + " (data " + kafka.dataDirectory() + ")");
        System.out.flush();
        stopped.await();
    }

    /** Proves a real client gets an answer, not just that the broker thinks it started. */
    private static void awaitClientService(String bootstrapServers)
            throws InterruptedException, ExecutionException, TimeoutException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            String clusterId = admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
            LOG.info("Cluster {} answers at {}", clusterId, bootstrapServers);
        }
    }
}
