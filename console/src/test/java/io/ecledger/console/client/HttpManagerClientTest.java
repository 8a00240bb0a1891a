package io.ecledger.console.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How {@code --wait} follows a command over REST, against a real HTTP server playing the manager. */
class HttpManagerClientTest {

    private static final UUID ID = UUID.fromString("6f1c2a44-0000-4000-8000-000000000001");

    private final HttpServer server = start();
    private final List<String> requested = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private final HttpManagerClient client = new HttpManagerClient(
            "http://127.0.0.1:" + server.getAddress().getPort(), Optional.of("t0ken"), Optional.empty());

    private static HttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stop() {
        released.countDown();
        server.stop(0);
    }

    private void serve(String path, Handler handler) {
        server.createContext(path, exchange -> {
            requested.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization"));
            try {
                handler.handle(exchange);
            } finally {
                exchange.close();
            }
        });
    }

    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private static void write(OutputStream body, String text) throws IOException {
        body.write(text.getBytes(StandardCharsets.UTF_8));
        body.flush();
    }

    private void stream(HttpExchange exchange, boolean thenDone) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream body = exchange.getResponseBody();
        write(body, "id: 1\nevent: node\ndata: {\"node\":\"rh52bare\",\"state\":\"PENDING\"}\n\n");
        try {
            released.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thenDone) {
            write(body, "id: 2\nevent: node\n"
                    + "data: {\"node\":\"rh52bare\",\"subcluster\":\"east\",\"state\":\"ANSWERED\",\"status\":\"OK\"}\n\n"
                    + "id: 3\nevent: done\ndata: {\"expected\":1}\n\n");
        }
    }

    @Test
    void aWaitEndsAtTheStreamsDoneEventWithoutAskingForProgress() throws Exception {
        serve("/v1/commands/" + ID + "/events", exchange -> stream(exchange, true));
        serve("/v1/commands/" + ID, exchange -> exchange.sendResponseHeaders(500, -1));
        new Thread(() -> {
            // the answer lands a little later, while the client is already following
            sleep(Duration.ofMillis(300));
            released.countDown();
        }).start();

        assertThat(client.awaitSettled(ID, Duration.ofSeconds(10))).isTrue();

        assertThat(requested).containsExactly("GET /v1/commands/" + ID + "/events Bearer t0ken");
    }

    @Test
    void aFollowTellsEachNodeEventOfTheStreamInOrder() {
        serve("/v1/commands/" + ID + "/events", exchange -> stream(exchange, true));
        released.countDown();
        List<NodeUpdate> told = new CopyOnWriteArrayList<>();

        assertThat(client.follow(ID, Duration.ofSeconds(10), told::add)).isTrue();

        assertThat(told).extracting(NodeUpdate::node, NodeUpdate::state)
                .containsExactly(tuple("rh52bare", "PENDING"), tuple("rh52bare", "ANSWERED"));
    }

    @Test
    void aStreamWithoutDoneBeforeTheWaitRunsOutIsNotSettled() {
        serve("/v1/commands/" + ID + "/events", exchange -> stream(exchange, false));

        assertThat(client.awaitSettled(ID, Duration.ofMillis(500))).isFalse();
    }

    @Test
    void aManagerWithoutTheStreamIsAskedForProgressInstead() {
        serve("/v1/commands/" + ID + "/events", exchange -> exchange.sendResponseHeaders(404, -1));
        serve("/v1/commands/" + ID, exchange -> {
            byte[] json = ("{\"commandId\":\"" + ID + "\",\"nodes\":[{\"node\":\"rh52bare\",\"state\":\"ANSWERED\"}]}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, json.length);
            exchange.getResponseBody().write(json);
        });

        assertThat(client.awaitSettled(ID, Duration.ofSeconds(10))).isTrue();

        assertThat(requested).containsExactly("GET /v1/commands/" + ID + "/events Bearer t0ken",
                "GET /v1/commands/" + ID + " Bearer t0ken");
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
