package io.ecledger.api.webui;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebConsoleTest {

    private static DefaultServerFactory restOn(String host, int port) {
        HttpConnectorFactory connector = new HttpConnectorFactory();
        connector.setBindHost(host);
        connector.setPort(port);
        DefaultServerFactory server = new DefaultServerFactory();
        server.setApplicationConnectors(List.of(connector));
        return server;
    }

    @Test
    void anUnsetListenOrTheRestPortsOwnAddressIsFine() {
        assertThat(WebConsole.listenProblem(Optional.empty(), restOn("127.0.0.1", 2025))).isEmpty();
        assertThat(WebConsole.listenProblem(Optional.of("127.0.0.1:2025"), restOn("127.0.0.1", 2025))).isEmpty();
        assertThat(WebConsole.listenProblem(Optional.of("10.0.0.5:2025"), restOn("0.0.0.0", 2025)))
                .as("a wildcard connector listens on every address").isEmpty();
    }

    @Test
    void aListenTheRestPortDoesNotServeNamesBothAndWhatToChange() {
        assertThat(WebConsole.listenProblem(Optional.of("127.0.0.1:8080"), restOn("127.0.0.1", 2025)))
                .hasValueSatisfying(problem -> assertThat(problem)
                        .contains("127.0.0.1:8080", "127.0.0.1:2025", "server.applicationConnectors", "Web_UI Listen"));
        assertThat(WebConsole.listenProblem(Optional.of("10.0.0.5:2026"), restOn("0.0.0.0", 2025))).isPresent();
    }

    @Test
    void thePageMayLoadOnlyItsOwnFilesAndRunInNoFrame() {
        assertThat(WebConsole.CONTENT_SECURITY_POLICY).contains("default-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval", "http:", "https:");
    }
}
