package io.ecledger.api.http;

import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.server.ServerFactory;
import io.dropwizard.core.server.SimpleServerFactory;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.util.DataSize;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What the manager's Jetty does whatever the YAML says: a connector given no {@code bindHost} listens on 127.0.0.1
 * (Dropwizard's own default is every interface, and nothing on these ports authenticates yet), and gzip request
 * bodies are never inflated (responses may still be compressed).
 */
public final class ServerDefaults {

    /** The bind address of a connector the YAML gave none. */
    public static final String LOOPBACK = "127.0.0.1";

    private ServerDefaults() {}

    /** Applies the defaults to {@code server} before Jetty is built from it. */
    public static void apply(ServerFactory server) {
        connectors(server, true).forEach(connector -> {
            if (connector.getBindHost() == null || connector.getBindHost().isBlank()) {
                connector.setBindHost(LOOPBACK);
            }
        });
        if (server instanceof AbstractServerFactory factory) {
            // server.gzip.bufferSize is GzipHandler's inflate buffer, its request-inflation switch: 0 turns inflation off
            factory.getGzipFilterFactory().setBufferSize(DataSize.bytes(0));
        } else {
            throw new AssertionError("unknown server factory " + server.getClass().getName());
        }
    }

    /** The names a request may carry as its Host: loopback's, every bind address that is not a wildcard, and more. */
    public static Set<String> hostNames(ServerFactory server, List<String> more) {
        Set<String> names = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "::1"));
        connectors(server, true).map(HttpConnectorFactory::getBindHost)
                .filter(host -> host != null && !host.isBlank() && !host.equals("0.0.0.0") && !host.equals("::"))
                .forEach(names::add);
        names.addAll(more);
        return names;
    }

    /** Where the REST port listens: {@code host:port} of each application connector (the admin port's left out). */
    public static List<String> restAddresses(ServerFactory server) {
        return connectors(server, false)
                .map(http -> (http.getBindHost() == null ? LOOPBACK : http.getBindHost()) + ":" + http.getPort())
                .toList();
    }

    /** Every HTTP connector of {@code server}: the REST port's, and with {@code withAdmin} the admin port's too. */
    private static Stream<HttpConnectorFactory> connectors(ServerFactory server, boolean withAdmin) {
        List<ConnectorFactory> all;
        if (server instanceof DefaultServerFactory factory) {
            all = withAdmin ? Stream.concat(factory.getApplicationConnectors().stream(),
                    factory.getAdminConnectors().stream()).toList() : factory.getApplicationConnectors();
        } else if (server instanceof SimpleServerFactory factory) {
            all = List.of(factory.getConnector());
        } else {
            throw new AssertionError("unknown server factory " + server.getClass().getName());
        }
        return all.stream().map(connector -> {
            if (connector instanceof HttpConnectorFactory http) {
                return http;
            }
            throw new AssertionError("unknown connector " + connector.getClass().getName());
        });
    }
}
