package io.ecledger.api.testing;

import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.configuration.ConfigurationFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.ecledger.api.EccmgrApplication;
import io.ecledger.api.EcledgerConfiguration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The manager's YAML read as the {@code server} and {@code check} commands read it, before anything starts. */
public final class ManagerYaml {

    private ManagerYaml() {}

    /** {@code yaml}, written to {@code directory}/eccmgr.yml, as the manager's configuration. */
    public static EcledgerConfiguration read(Path directory, String yaml) throws IOException, ConfigurationException {
        Path file = directory.resolve("eccmgr.yml");
        Files.writeString(file, yaml);
        EccmgrApplication application = new EccmgrApplication();
        Bootstrap<EcledgerConfiguration> bootstrap = new Bootstrap<>(application);
        application.initialize(bootstrap);
        ConfigurationFactory<EcledgerConfiguration> factory = bootstrap.getConfigurationFactoryFactory().create(
                EcledgerConfiguration.class, bootstrap.getValidatorFactory().getValidator(), bootstrap.getObjectMapper(), "dw");
        return factory.build(bootstrap.getConfigurationSourceProvider(), file.toString());
    }
}
