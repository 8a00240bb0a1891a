package io.ecledger.api.faults;

import io.ecledger.ledger.testing.KafkaBroker;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** Kafka brokers run as processes of their own by an ops script, handed to the fixtures as the tests' broker. */
abstract class BrokerProcesses implements KafkaBroker.Handle, AutoCloseable {

    private static final AtomicInteger PREFIXES = new AtomicInteger();

    private Admin admin;

    @Override
    public String uniquePrefix() {
        return "f" + PREFIXES.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 6) + ".";
    }

    @Override
    public synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
        }
        return admin;
    }

    /** Closes the admin client, if one was made: before the brokers stop, so it does not linger on dead ones. */
    protected synchronized void closeAdmin() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
            admin = null;
        }
    }
}
