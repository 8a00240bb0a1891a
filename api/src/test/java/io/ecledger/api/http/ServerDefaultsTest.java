package io.ecledger.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.ecledger.api.EcledgerConfiguration;
import io.ecledger.api.testing.ManagerYaml;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An empty YAML gives a Jetty that listens on loopback only and never inflates a request body. */
class ServerDefaultsTest {

    @TempDir
    Path directory;

    @Test
    void anEmptyYamlLeavesDropwizardBindingEveryInterfaceUntilTheDefaultsApply() throws Exception {
        EcledgerConfiguration config = read("{}\n");

        // why the defaults exist: Dropwizard's own is no bindHost, which Jetty takes as 0.0.0.0
        assertThat(connectors(config)).extracting(HttpConnectorFactory::getBindHost).containsOnlyNulls();
    }

    @Test
    void anEmptyYamlBuildsAJettyWhoseConnectorsAllListenOn127001() throws Exception {
        EcledgerConfiguration config = read("{}\n");

        ServerDefaults.apply(config.getServerFactory());
        Server server = config.getServerFactory().build(new Environment("eccmgr"));

        assertThat(Arrays.stream(server.getConnectors()).map(c -> ((ServerConnector) c).getHost()))
                .hasSize(2).containsOnly("127.0.0.1");
    }

    @Test
    void aBindHostTheYamlNamesIsKeptAndBecomesAnAllowedHostName() throws Exception {
        EcledgerConfiguration config = read("server:\n  applicationConnectors:\n    - type: http\n"
                + "      bindHost: 10.1.2.3\n      port: 2025\n");

        ServerDefaults.apply(config.getServerFactory());

        assertThat(connectors(config)).extracting(HttpConnectorFactory::getBindHost)
                .containsExactly("10.1.2.3", "127.0.0.1");
        assertThat(ServerDefaults.hostNames(config.getServerFactory(), List.of("eccmgr.example")))
                .containsExactlyInAnyOrder("localhost", "127.0.0.1", "::1", "10.1.2.3", "eccmgr.example");
    }

    @Test
    void requestInflationIsOffWhateverTheYamlSays() throws Exception {
        EcledgerConfiguration config = read("server:\n  gzip:\n    bufferSize: 32KiB\n");

        ServerDefaults.apply(config.getServerFactory());

        assertThat(((DefaultServerFactory) config.getServerFactory()).getGzipFilterFactory().getBufferSize().toBytes())
                .isZero();
    }

    @Test
    void theRestSettingsDefaultToA64KibLimitAndNoExtraNames() throws Exception {
        EcledgerConfiguration config = read("{}\n");

        assertThat(config.getRest().getMaxBodySize().toBytes()).isEqualTo(65_536);
        assertThat(config.getRest().getAllowedHosts()).isEmpty();
        assertThat(config.getRest().getAllowedOrigins()).isEmpty();
    }

    private static List<HttpConnectorFactory> connectors(EcledgerConfiguration config) {
        DefaultServerFactory server = (DefaultServerFactory) config.getServerFactory();
        return java.util.stream.Stream.concat(server.getApplicationConnectors().stream(),
                server.getAdminConnectors().stream()).map(HttpConnectorFactory.class::cast).toList();
    }

    /** As {@code eccmgr server FILE} reads it. */
    private EcledgerConfiguration read(String yaml) throws Exception {
        return ManagerYaml.read(directory, yaml);
    }
}
