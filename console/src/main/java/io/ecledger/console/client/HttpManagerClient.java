package io.ecledger.console.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecledger.ledger.command.CompletionData;
import io.ecledger.ledger.token.ClientToken;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * Talks to the manager's REST port: {@code POST /v1/console}, {@code GET /v1/console/completions} and
 * {@code GET /v1/commands/{id}}.
 */
public final class HttpManagerClient implements ManagerClient {

    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]+):[0-9]{1,5}");
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    // a console line is answered once it is on the ledger; anything slower than this is a manager in trouble
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String endpoint;
    private final URI base;
    private final HttpClient http;
    private final Optional<String> token;

    /** {@code endpoint}: {@code http://host:port}, {@code https://host:port} or a bare {@code host:port}; no token. */
    public HttpManagerClient(String endpoint) {
        this(endpoint, Optional.empty(), Optional.empty());
    }

    /**
     * With {@code token} sent as {@code Authorization: Bearer}, and for https, {@code tls} trusting the manager's
     * certificate (else the JDK's trust store).
     */
    public HttpManagerClient(String endpoint, Optional<String> token, Optional<SSLContext> tls) {
        this.endpoint = endpoint;
        this.token = token;
        String url = isHostPort(endpoint) ? "http://" + endpoint : endpoint;
        this.base = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT);
        tls.ifPresent(builder::sslContext);
        this.http = builder.build();
    }

    static boolean isHostPort(String endpoint) {
        return HOST_PORT.matcher(endpoint).matches();
    }

    @Override
    public Answer send(String line) {
        HttpResponse<String> response = exchange(HttpRequest.newBuilder(base.resolve("/v1/console"))
                .timeout(ANSWER_TIMEOUT)
                // JSON: the manager refuses a text/plain POST, which any web page could send it cross-site
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode().put("line", line).toString(),
                        StandardCharsets.UTF_8)));
        if (response.statusCode() == 200) {
            return Answer.ok(response.body());
        }
        // 400: the line was refused; 403: the policy refused it, and the body names the rule, as the socket's REFUSED does
        if (response.statusCode() == 400 || response.statusCode() == 403) {
            return Answer.refused(response.body());
        }
        if (response.statusCode() == 401) {
            return Answer.refused("the manager wants a token (HTTP 401): set " + ClientToken.ENV + " or pass --token-file "
                    + "FILE (ops/up writes one to " + ClientToken.defaultFile(System.getenv()) + ")");
        }
        return Answer.refused("manager answered HTTP " + response.statusCode()
                + (response.body().isBlank() ? "" : ": " + response.body().strip()));
    }

    @Override
    public CompletionData completions() {
        HttpResponse<String> response = exchange(HttpRequest.newBuilder(base.resolve("/v1/console/completions"))
                .timeout(CONNECT_TIMEOUT).header("Accept", "application/json").GET());
        if (response.statusCode() != 200) {
            // 404: a manager from before the completions endpoint; complete without live data
            return CompletionData.NONE;
        }
        try {
            return CompletionsJson.parse(response.body());
        } catch (IOException e) {
            return CompletionData.NONE;
        }
    }

    @Override
    public Optional<CommandProgress> progress(UUID commandId) {
        HttpResponse<String> response = exchange(HttpRequest.newBuilder(base.resolve("/v1/commands/" + commandId))
                .timeout(CONNECT_TIMEOUT).header("Accept", "application/json").GET());
        if (response.statusCode() != 200) {
            // 404: no such command; nothing to follow
            return Optional.empty();
        }
        try {
            return Optional.of(CommandProgressJson.parse(response.body()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private HttpResponse<String> exchange(HttpRequest.Builder request) {
        token.ifPresent(text -> request.header("Authorization", "Bearer " + text));
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ManagerUnreachableException(endpoint, ManagerUnreachableException.reasonOf(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ManagerUnreachableException(endpoint, "interrupted", e);
        }
    }

    @Override
    public String endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        // java.net.http.HttpClient has no close() before Java 21; its threads die with it
    }
}
