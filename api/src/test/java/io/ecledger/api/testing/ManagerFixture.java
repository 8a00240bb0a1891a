package io.ecledger.api.testing;

import io.dropwizard.configuration.ResourceConfigurationSourceProvider;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.ecledger.api.EccmgrApplication;
import io.ecledger.api.EcledgerConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real eccmgr on the shared test broker, spoken to over real HTTP. Only a {@link Cluster} makes one: it owns the
 * topics, the H2 file and the overrides the manager runs with.
 */
public final class ManagerFixture implements AutoCloseable {

    /** On the classpath rather than a file, so the console's tests read it from this module's test-jar. */
    private static final String CONFIG = "test-eccmgr.yml";

    private final String bootstrapServers;
    private final String prefix;
    private final Path data;
    private final List<ConfigOverride> extra;
    private final HttpClient http = HttpClient.newHttpClient();
    private DropwizardTestSupport<EcledgerConfiguration> app;
    // read once: after the server stops, Jetty reports no port
    private int port;
    private int adminPort;

    ManagerFixture(String bootstrapServers, String prefix, Path data, List<ConfigOverride> extra) {
        this.bootstrapServers = bootstrapServers;
        this.prefix = prefix;
        this.data = data;
        this.extra = List.copyOf(extra);
    }

    ManagerFixture start() {
        List<ConfigOverride> overrides = new ArrayList<>(List.of(
                ConfigOverride.config("kafka.bootstrapServers", bootstrapServers),
                ConfigOverride.config("kafka.topicPrefix", prefix),
                ConfigOverride.config("dataDirectory", data.toString())));
        overrides.addAll(extra);
        app = new DropwizardTestSupport<>(EccmgrApplication.class, CONFIG, new ResourceConfigurationSourceProvider(),
                overrides.toArray(new ConfigOverride[0]));
        try {
            app.before();
            port = app.getLocalPort();
            adminPort = app.getAdminPort();
        } catch (Exception e) {
            throw new IllegalStateException("eccmgr did not start", e);
        }
        return this;
    }

    /** The REST address, as {@code ec_console} takes it. */
    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** Runs one console line through {@code POST /v1/console}. */
    public HttpResponse<String> console(String line) {
        return send(HttpRequest.newBuilder(uri("/v1/console"))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(line)).build());
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    public HttpResponse<String> postJson(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public HttpResponse<String> put(String path, String text) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "text/plain")
                .PUT(HttpRequest.BodyPublishers.ofString(text)).build());
    }

    public HttpResponse<String> delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE().build());
    }

    public HttpResponse<String> admin(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + path)).GET().build());
    }

    /** POSTs to the admin port, e.g. {@code /tasks/rebuild}. */
    public HttpResponse<String> adminPost(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + path))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    /** The admin port, as {@code ops/bin/ecledger --admin} takes it. */
    public int adminPort() {
        return adminPort;
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (app != null) {
            app.after();
            app = null;
        }
    }
}
