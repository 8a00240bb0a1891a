package io.ecledger.api.kafka;

import io.dropwizard.lifecycle.Managed;
import io.ecledger.ledger.broker.EmbeddedKafka;
import io.ecledger.ledger.kafka.ClientProperties;
import io.ecledger.ledger.kafka.KafkaClientOverrides;
import io.ecledger.ledger.kafka.LedgerUnavailableException;
import io.ecledger.ledger.kafka.Topics;
import java.nio.file.Path;
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

    @Override
    public void start() {
        if (embedded != null) {
            embedded.start();
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
