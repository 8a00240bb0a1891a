package io.ecledger.api.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dropwizard.testing.DropwizardTestSupport;
import io.ecledger.api.EccmgrApplication;
import io.ecledger.api.EcledgerConfiguration;
import io.ecledger.api.auth.IssuedToken;
import io.ecledger.api.auth.StoredToken;
import io.ecledger.api.auth.UserEntry;
import io.ecledger.api.auth.UsersFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A real eccmgr on the shared test broker, spoken to over real HTTP. Only a {@link Cluster} makes one: it owns the
 * topics, the H2 file and the settings the manager runs with.
 *
 * <p>Before it starts, the fixture gives the data directory's users file an admin, {@value #ADMIN}, with a fresh
 * token, and sends {@code Authorization: Bearer} with it on every request; {@link #as(String)} and
 * {@link #anonymous()} speak to the same manager as someone else or as no one.
 */
public final class ManagerFixture implements AutoCloseable {

    /** The settings every test manager starts from: ports chosen by the OS, quiet logs, no control socket. */
    private static final String BASE_CONFIG = "test-eccmgr.yml";
    private static final String CLIENT_PROPERTIES = "kafka.clientProperties.";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The user every fixture request is made as unless told otherwise. */
    public static final String ADMIN = "test-admin";

    private final Path config;
    private final Path usersFile;
    private final HttpClient http = HttpClient.newHttpClient();
    private DropwizardTestSupport<EcledgerConfiguration> app;
    // read once: after the server stops, Jetty reports no port
    private int port;
    private int adminPort;
    private String adminToken;
    // who this view speaks as: the admin's token, another one, or nobody
    private Optional<String> token = Optional.empty();
    private ManagerFixture owner;

    private ManagerFixture(Path config, Path usersFile) {
        this.config = config;
        this.usersFile = usersFile;
    }

    /**
     * A manager reading {@code file}: the base settings with {@code settings} (dotted paths such as
     * {@code kafka.topicPrefix}) written over them. A file rather than Dropwizard's {@code ConfigOverride}: those are
     * system properties, which every manager started meanwhile in this JVM would read too.
     */
    static ManagerFixture configured(Path file, Map<String, String> settings) {
        try (InputStream base = ManagerFixture.class.getClassLoader().getResourceAsStream(BASE_CONFIG)) {
            if (base == null) {
                throw new IllegalStateException(BASE_CONFIG + " is not on the test classpath");
            }
            ObjectNode root = (ObjectNode) YAML.readTree(base);
            settings.forEach((path, value) -> set(root, path, value));
            YAML.writeValue(file.toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the manager's configuration " + file, e);
        }
        String data = settings.getOrDefault("dataDirectory", "./data");
        return new ManagerFixture(file, Path.of(data).resolve(UsersFile.NAME));
    }

    private static void set(ObjectNode root, String path, String value) {
        ObjectNode node = root;
        // Kafka's property names have dots of their own: under kafka.clientProperties the rest of the path is one name
        String[] names = path.startsWith(CLIENT_PROPERTIES) ? new String[] {"kafka", "clientProperties",
                path.substring(CLIENT_PROPERTIES.length())} : path.split("\\.");
        for (int i = 0; i < names.length - 1; i++) {
            if (node.get(names[i]) instanceof com.fasterxml.jackson.databind.node.ArrayNode
                    && i + 1 < names.length - 1 && names[i + 1].matches("[0-9]+")) {
                // a list of the base settings, e.g. server.applicationConnectors.0.type: its element, by index
                node = (ObjectNode) node.get(names[i]).get(Integer.parseInt(names[i + 1]));
                i++;
                continue;
            }
            node = node.has(names[i]) ? (ObjectNode) node.get(names[i]) : node.putObject(names[i]);
        }
        node.put(names[names.length - 1], value);
    }

    ManagerFixture start() {
        adminToken = addUser(ADMIN, "admin");
        token = Optional.of(adminToken);
        app = new DropwizardTestSupport<>(EccmgrApplication.class, config.toString());
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
        return "http://127.0.0.1:" + root().port;
    }

    /** The token of {@value #ADMIN}, made for this start of the manager. */
    public String adminToken() {
        return root().adminToken;
    }

    /** The {@code Authorization} header value this view sends, if it sends one. */
    public Optional<String> authorization() {
        return token.map(text -> "Bearer " + text);
    }

    /** This manager, spoken to with {@code token} instead. */
    public ManagerFixture as(String token) {
        ManagerFixture view = new ManagerFixture(config, usersFile);
        view.owner = root();
        view.token = Optional.of(token);
        return view;
    }

    /** This manager, spoken to with no credentials at all. */
    public ManagerFixture anonymous() {
        ManagerFixture view = new ManagerFixture(config, usersFile);
        view.owner = root();
        return view;
    }

    /**
     * Gives {@code name} (a new user, or an existing one) the roles and a new token, in the users file, as
     * {@code ecledger user} would; a running manager sees it within a second. Returns the token.
     */
    public String addUser(String name, String... roles) {
        IssuedToken issued = IssuedToken.generate();
        UsersFile users = UsersFile.read(usersFile);
        UserEntry user = users.find(name)
                .map(existing -> new UserEntry(name, List.of(roles), existing.passwordHash(), existing.tokens()))
                .orElse(new UserEntry(name, List.of(roles), Optional.empty(), List.of()));
        users.with(user.withToken(issued.stored())).write(usersFile);
        return issued.text();
    }

    /** Gives {@code name} the roles and the bcrypt hash of {@code password}, as {@code ecledger user add} would. */
    public void addPasswordUser(String name, String password, String... roles) {
        String hash = new String(at.favre.lib.crypto.bcrypt.BCrypt.withDefaults().hash(10, password.toCharArray()),
                java.nio.charset.StandardCharsets.US_ASCII);
        UsersFile users = UsersFile.read(usersFile);
        List<StoredToken> tokens = users.find(name).map(UserEntry::tokens).orElse(List.of());
        users.with(new UserEntry(name, List.of(roles), Optional.of(hash), tokens)).write(usersFile);
    }

    /** A 0600 file holding {@link #adminToken()}, as {@code --token-file} and the console take it. */
    public Path adminTokenFile() {
        Path file = config.resolveSibling(config.getFileName() + ".admin-token");
        try {
            java.nio.file.Files.deleteIfExists(file);
            java.nio.file.Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            java.nio.file.Files.writeString(file, adminToken() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the admin token file " + file, e);
        }
        return file;
    }

    /** The running application's environment, e.g. to walk its Jersey resources. */
    public io.dropwizard.core.setup.Environment environment() {
        return root().app.getEnvironment();
    }

    /** The users file the manager reads. */
    public Path usersFile() {
        return usersFile;
    }

    private ManagerFixture root() {
        return owner == null ? this : owner;
    }

    /** Runs one console line through {@code POST /v1/console}, as the console sends it: {@code {"line": ...}}. */
    public HttpResponse<String> console(String line) {
        return postJson("/v1/console", JSON.createObjectNode().put("line", line).toString());
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public HttpResponse<String> postJson(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** {@link #postJson} without waiting: for a load offered at a fixed rate whatever the answers take. */
    public CompletableFuture<HttpResponse<String>> postJsonAsync(String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        authorization().ifPresent(value -> request.header("Authorization", value));
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** What the {@code ecledger.node-keys.quarantined} gauge counts: records the projection quarantined. */
    public long quarantinedRecords() {
        try {
            return JSON.readTree(admin("/metrics").body()).path("gauges").path("ecledger.node-keys.quarantined")
                    .path("value").asLong();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("the manager's metrics are not JSON", e);
        }
    }

    /** A config value as {@code {"value": ...}}: a state-changing request is JSON (api.http.StateChangeGuard). */
    public HttpResponse<String> put(String path, String text) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode().put("value", text).toString())));
    }

    public HttpResponse<String> delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json").DELETE());
    }

    public HttpResponse<String> admin(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + root().adminPort + path)).GET());
    }

    /** POSTs to the admin port, e.g. {@code /tasks/rebuild}. */
    public HttpResponse<String> adminPost(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + root().adminPort + path))
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** The admin port, as {@code ops/bin/ecledger --admin} takes it. */
    public int adminPort() {
        return root().adminPort;
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + root().port + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        authorization().ifPresent(value -> request.header("Authorization", value));
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (owner == null && app != null) {
            app.after();
            app = null;
        }
    }
}
