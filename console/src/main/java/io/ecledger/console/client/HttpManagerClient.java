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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * Talks to the manager's REST port: {@code POST /v1/console}, {@code GET /v1/console/completions},
 * {@code GET /v1/commands/{id}} and its {@code /events} stream.
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

    /** Follows the command's event stream until its {@code done} event ({@link #follow}): no polling. */
    @Override
    public boolean awaitSettled(UUID commandId, Duration wait) {
        return follow(commandId, wait, update -> { });
    }

    /**
     * Follows {@code GET /v1/commands/{id}/events}, telling {@code each} every {@code node} event, until its
     * {@code done} event. A manager that answers anything but the stream (one from before it, or a command it does
     * not know) is waited for by asking for progress instead, and tells nothing.
     */
    @Override
    public boolean follow(UUID commandId, Duration wait, Consumer<NodeUpdate> each) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/v1/commands/" + commandId + "/events"))
                .header("Accept", "text/event-stream").GET();
        token.ifPresent(text -> request.header("Authorization", "Bearer " + text));
        EventStream stream = new EventStream(each);
        CompletableFuture<HttpResponse<Void>> exchange = http.sendAsync(request.build(), info -> {
            stream.status.complete(info.statusCode());
            return info.statusCode() == 200 ? HttpResponse.BodySubscribers.fromLineSubscriber(stream)
                    : HttpResponse.BodySubscribers.discarding();
        });
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            CompletableFuture.anyOf(stream.status, exchange).get(CONNECT_TIMEOUT.toMillis() + ANSWER_TIMEOUT.toMillis(),
                    TimeUnit.MILLISECONDS);
            if (!stream.status.isDone()) {
                exchange.join();
            }
            if (stream.status.join() != 200) {
                return ManagerClient.super.awaitSettled(commandId, wait);
            }
            return stream.done.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new ManagerUnreachableException(endpoint, ManagerUnreachableException.reasonOf(cause), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            stream.cancel();
        }
    }

    /** The lines of a command's event stream, gathered into events: {@code node} ones told, {@code done} ending it. */
    private static final class EventStream implements Flow.Subscriber<String> {

        final CompletableFuture<Integer> status = new CompletableFuture<>();
        // true at the done event; false when the stream ended or broke without it
        final CompletableFuture<Boolean> done = new CompletableFuture<>();
        private final Consumer<NodeUpdate> each;
        private volatile Flow.Subscription subscription;
        // the event being read: its name and data lines (only the stream's thread touches them)
        private String name = "message";
        private final StringBuilder data = new StringBuilder();

        EventStream(Consumer<NodeUpdate> each) {
            this.each = each;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (line.isEmpty()) {
                dispatch();
            } else if (line.startsWith("event:")) {
                name = line.substring("event:".length()).strip();
            } else if (line.startsWith("data:")) {
                data.append(data.length() == 0 ? "" : "\n").append(line.substring("data:".length()).stripLeading());
            }
        }

        private void dispatch() {
            String event = name;
            String json = data.toString();
            name = "message";
            data.setLength(0);
            if (event.equals("done")) {
                done.complete(true);
                cancel();
            } else if (event.equals("node")) {
                try {
                    each.accept(NodeUpdateJson.parse(json));
                } catch (IOException e) {
                    // an event this console cannot read tells nothing; the done event still ends the wait
                }
            }
        }

        @Override
        public void onError(Throwable error) {
            done.complete(false);
        }

        @Override
        public void onComplete() {
            done.complete(false);
        }

        void cancel() {
            Flow.Subscription held = subscription;
            if (held != null) {
                held.cancel();
            }
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
