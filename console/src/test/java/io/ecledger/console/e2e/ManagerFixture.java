package io.ecledger.console.e2e;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.ecledger.api.EccmgrApplication;
import io.ecledger.api.EcledgerConfiguration;
import io.ecledger.ledger.testing.KafkaBroker;
import java.nio.file.Path;

/** A real eccmgr on the shared test broker with its own topics and H2 file (after api's test fixture of that name). */
final class ManagerFixture implements AutoCloseable {

    private final KafkaBroker.Handle broker;
    private final String prefix;
    private final Path data;
    private DropwizardTestSupport<EcledgerConfiguration> app;
    private int port;

    ManagerFixture(KafkaBroker.Handle broker, String prefix, Path data) {
        this.broker = broker;
        this.prefix = prefix;
        this.data = data;
    }

    ManagerFixture start() {
        app = new DropwizardTestSupport<>(EccmgrApplication.class,
                ResourceHelpers.resourceFilePath("test-eccmgr.yml"),
                ConfigOverride.config("kafka.bootstrapServers", broker.bootstrapServers()),
                ConfigOverride.config("kafka.topicPrefix", prefix),
                ConfigOverride.config("dataDirectory", data.toString()));
        try {
            app.before();
            port = app.getLocalPort();
        } catch (Exception e) {
            throw new IllegalStateException("eccmgr did not start", e);
        }
        return this;
    }

    /** The console's ENDPOINT for this manager's REST port. */
    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        if (app != null) {
            app.after();
            app = null;
        }
    }
}
