package io.ecledger.api.kafka;

import io.dropwizard.lifecycle.Managed;
import io.ecledger.ledger.broker.EmbeddedKafka;
import io.ecledger.ledger.kafka.ClientProperties;
import io.ecledger.ledger.kafka.KafkaClientOverrides;
import io.ecledger.ledger.kafka.LedgerUnavailableException;
import io.ecledger.ledger.kafka.Topics;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The manager's Kafka: starts the embedded broker when configured, and creates (or checks)
 * the cluster's topics before anything reads or appends.
 */
public final class KafkaConnection implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaConnection.class);

    private final KafkaFactory factory;
    private final EmbeddedKafka embedded;
    private Admin admin;
    // the embedded broker's start, begun while the rest of the manager is built; null until startBrokerEarly()
    private volatile CompletableFuture<Void> brokerStarting;

    public KafkaConnection(KafkaFactory factory, Path dataDirectory) {
        this.factory = factory;
        this.embedded = factory.isEmbedded()
                ? EmbeddedKafka.at(dataDirectory.resolve("kafka"), factory.getEmbeddedPort())
                : null;
    }

    /** The bootstrap servers clients use; known before start, as the embedded broker's port is configured. */
    public String bootstrapServers() {
        return embedded != null ? "127.0.0.1:" + factory.getEmbeddedPort() : factory.getBootstrapServers();
    }

    /** The operator's {@code kafka.clientProperties}, for every client made on this connection. */
    public KafkaClientOverrides overrides() {
        return factory.clientOverrides();
    }

    /**
     * Starts the embedded broker on a thread of its own, so that it comes up while the rest of the manager is built
     * (its migrations, Jersey): the broker is most of a start-up. {@link #start} waits for it and fails as it failed.
     */
    public void startBrokerEarly() {
        if (embedded == null || brokerStarting != null) {
            return;
        }
        CompletableFuture<Void> starting = new CompletableFuture<>();
        brokerStarting = starting;
        Thread thread = new Thread(() -> {
            try {
                embedded.start();
                starting.complete(null);
            } catch (RuntimeException | Error e) {
                starting.completeExceptionally(e);
            }
        }, "ecledger-broker-start");
        // a manager whose build fails before it starts exits without waiting for the broker
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void start() {
        if (embedded != null) {
            startBrokerEarly();
            try {
                brokerStarting.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
        admin = Admin.create(ClientProperties.admin(bootstrapServers(), "ecledger-manager-admin", overrides()));
        try {
            new Topics(admin, factory.layout(), factory.topicSettings()).ensure();
        } catch (LedgerUnavailableException e) {
            // the first thing the manager asks of Kafka: say how it connected, as a wrong protocol shows only as a timeout
            throw new LedgerUnavailableException("cannot reach Kafka at " + bootstrapServers() + " with security.protocol="
                    + overrides().properties().getOrDefault(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT")
                    + " (kafka.clientProperties): " + e.getMessage(), e);
        }
        LOG.info("Kafka ready at {} ({}), topic prefix {}", bootstrapServers(),
                embedded != null ? "embedded" : "external", factory.getTopicPrefix());
    }

    @Override
    public void stop() {
        if (admin != null) {
            admin.close();
        }
        if (embedded != null) {
            embedded.stop();
        }
    }

    /** An admin client on the cluster, for health checks; only after start. */
    public Admin admin() {
        return admin;
    }
}
