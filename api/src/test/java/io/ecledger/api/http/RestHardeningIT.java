package io.ecledger.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecledger.api.testing.Cluster;
import io.ecledger.api.testing.ManagerFixture;
import io.ecledger.api.testing.SeededCluster;
import io.ecledger.ledger.testing.KafkaBroker;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The REST port against an attacker speaking raw HTTP to a real manager: each request is refused with its status and
 * a {@code {code, message}} before any resource runs, and the ledger's end offset does not move; the genuine way in
 * still works.
 */
@ExtendWith(KafkaBroker.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestHardeningIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    // a line that appends when it is accepted (ResultsFlushed), so an unmoved end offset means it was not run
    private static final String APPENDING = "flush control cache";
    private static final String APPENDING_JSON = "{\"line\": \"" + APPENDING + "\"}";

    private Cluster cluster;
    private ManagerFixture manager;
    private int port;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void startManager(KafkaBroker.Handle broker) {
        cluster = SeededCluster.fresh(broker).withoutNodes().start();
        manager = cluster.manager();
        port = URI.create(manager.endpoint()).getPort();
    }

    @AfterAll
    void stop() {
        cluster.close();
    }

    @Test
    void theGenuineJsonConsoleLineIsRunAndAppends() {
        long before = cluster.ledger().endOffset();

        HttpResponse<String> answer = manager.console(APPENDING);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(cluster.ledger().endOffset()).isGreaterThan(before);
    }

    @Test
    void aTenMegabyteBodyIsRefused413BeforeTheManagerReadsIt() throws IOException {
        long before = cluster.ledger().endOffset();

        // the length is declared, only a kilobyte is sent: the answer must come without the rest
        RawHttp.Answer answer = RawHttp.exchange(port, String.join("\r\n",
                "POST /v1/console HTTP/1.1", "Host: 127.0.0.1:" + port, "Content-Type: application/json",
                "Content-Length: " + 10 * 1024 * 1024), new byte[1024]);

        assertRefused(answer, 413, "body-too-large", "a request body is at most 65536 bytes");
        assertThat(cluster.ledger().endOffset()).isEqualTo(before);
    }

    @Test
    void aChunkedBodyIsRefused413AtTheFirstByteOverTheLimit() throws IOException {
        long before = cluster.ledger().endOffset();
        ByteArrayOutputStream chunks = new ByteArrayOutputStream();
        byte[] chunk = " ".repeat(8192).getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 16; i++) {
            chunks.write(("2000\r\n").getBytes(StandardCharsets.US_ASCII));
            chunks.write(chunk);
            chunks.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        chunks.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

        RawHttp.Answer answer = RawHttp.exchange(port, String.join("\r\n",
                "POST /v1/console HTTP/1.1", "Host: 127.0.0.1:" + port, "Content-Type: application/json",
                "Transfer-Encoding: chunked"), chunks.toByteArray());

        assertRefused(answer, 413, "body-too-large", "a request body is at most 65536 bytes");
        assertThat(cluster.ledger().endOffset()).isEqualTo(before);
    }

    @Test
    void aChunkedBodyWithinTheLimitIsRunAsIfItsLengthWereDeclared() throws Exception {
        long before = cluster.ledger().endOffset();

        // ofInputStream has no length, so the client sends it chunked
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(manager.endpoint() + "/v1/console"))
                .header("Content-Type", "application/json")
                .header("Authorization", manager.authorization().orElseThrow())
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(APPENDING_JSON.getBytes(StandardCharsets.UTF_8)))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(cluster.ledger().endOffset()).isGreaterThan(before);
    }

    @Test
    void aGzipBodyIsRefusedNotInflated() throws IOException {
        long before = cluster.ledger().endOffset();
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
            gzip.write(APPENDING_JSON.getBytes(StandardCharsets.UTF_8));
        }

        RawHttp.Answer answer = RawHttp.exchange(port, String.join("\r\n",
                "POST /v1/console HTTP/1.1", "Host: 127.0.0.1:" + port, "Content-Type: application/json",
                "Content-Encoding: gzip", "Content-Length: " + gzipped.size(), "Connection: close"),
                gzipped.toByteArray());

        assertRefused(answer, 415, "content-encoding-refused",
                "Content-Encoding 'gzip' is refused: send the body uncompressed");
        assertThat(cluster.ledger().endOffset()).isEqualTo(before);
    }

    @Test
    void aTextPlainConsolePostAsAWebPageSendsItCrossSiteIsRefused415() throws IOException {
        long before = cluster.ledger().endOffset();
        byte[] line = APPENDING.getBytes(StandardCharsets.UTF_8);

        RawHttp.Answer answer = RawHttp.exchange(port, String.join("\r\n",
                "POST /v1/console HTTP/1.1", "Host: 127.0.0.1:" + port, "Content-Type: text/plain",
                "Content-Length: " + line.length, "Connection: close"), line);

        assertRefused(answer, 415, "json-required",
                "POST needs Content-Type: application/json (or an Authorization header); got 'text/plain'");
        assertThat(cluster.ledger().endOffset()).isEqualTo(before);
    }

    @Test
    void aBodylessShutdownPostWithoutJsonIsRefusedAndTheManagerStaysUp() throws IOException {
        RawHttp.Answer answer = RawHttp.exchange(port, String.join("\r\n",
                "POST /v1/shutdown HTTP/1.1", "Host: 127.0.0.1:" + port, "Content-Length: 0", "Connection: close"),
                new byte[0]);

        assertRefused(answer, 415, "json-required",
                "POST needs Content-Type: application/json (or an Authorization header); got no Content-Type");
        assertThat(manager.get("/v1/version").statusCode()).isEqualTo(200);
    }

    @Test
    void aForeignHostIsRefused421AsDnsRebindingWouldSendIt() throws IOException {
        long before = cluster.ledger().endOffset();
        byte[] body = APPENDING_JSON.getBytes(StandardCharsets.UTF_8);

        RawHttp.Answer answer = RawHttp.exchange(port, String.join("\r\n",
                "POST /v1/console HTTP/1.1", "Host: rebind.attacker.example:" + port, "Content-Type: application/json",
                "Content-Length: " + body.length, "Connection: close"), body);

        assertRefused(answer, 421, "host-not-allowed", "Host 'rebind.attacker.example:" + port
                + "' is not one of this manager's names; add it to rest.allowedHosts if it is");
        assertThat(cluster.ledger().endOffset()).isEqualTo(before);
    }

    @Test
    void aForeignHostIsRefusedOnReadsToo() throws IOException {
        RawHttp.Answer answer = RawHttp.exchange(port, String.join("\r\n",
                "GET /v1/info HTTP/1.1", "Host: rebind.attacker.example", "Connection: close"), new byte[0]);

        assertThat(answer.status()).isEqualTo(421);
        assertThat(answer.body()).doesNotContain("test-cluster");
    }

    @Test
    void aForeignOriginIsRefused403AsACrossSitePostWouldSendIt() throws IOException {
        long before = cluster.ledger().endOffset();
        byte[] body = APPENDING_JSON.getBytes(StandardCharsets.UTF_8);

        RawHttp.Answer answer = RawHttp.exchange(port, String.join("\r\n",
                "POST /v1/console HTTP/1.1", "Host: 127.0.0.1:" + port, "Origin: http://attacker.example",
                "Content-Type: application/json", "Content-Length: " + body.length, "Connection: close"), body);

        assertRefused(answer, 403, "origin-not-allowed",
                "Origin 'http://attacker.example' is not this manager's own; add it to rest.allowedOrigins if it is");
        assertThat(cluster.ledger().endOffset()).isEqualTo(before);
    }

    @Test
    void anotherPortOnLocalhostIsAForeignOrigin() throws IOException {
        long before = cluster.ledger().endOffset();
        byte[] body = APPENDING_JSON.getBytes(StandardCharsets.UTF_8);

        RawHttp.Answer answer = RawHttp.exchange(port, String.join("\r\n",
                "POST /v1/console HTTP/1.1", "Host: localhost:" + port, "Origin: http://localhost:8000",
                "Content-Type: application/json", "Content-Length: " + body.length, "Connection: close"), body);

        assertThat(answer.status()).isEqualTo(403);
        assertThat(cluster.ledger().endOffset()).isEqualTo(before);
    }

    @Test
    void theManagersOwnOriginAndLoopbackNamesAreAccepted() {
        for (String host : new String[] {"localhost", "127.0.0.1", "[::1]"}) {
            RawHttp.Answer answer = RawHttp.exchange(port, String.join("\r\n",
                    "GET /v1/version HTTP/1.1", "Host: " + host + ":" + port, "Origin: http://" + host + ":" + port,
                    "Authorization: " + manager.authorization().orElseThrow(), "Connection: close"), new byte[0]);
            assertThat(answer.status()).as(host + ": " + answer.body()).isEqualTo(200);
        }
    }

    @Test
    void theAdminPortRefusesAForeignOriginForItsTasks() throws IOException {
        RawHttp.Answer answer = RawHttp.exchange(manager.adminPort(), String.join("\r\n",
                "POST /tasks/rebuild HTTP/1.1", "Host: 127.0.0.1:" + manager.adminPort(),
                "Origin: http://attacker.example", "Content-Length: 0", "Connection: close"), new byte[0]);

        assertThat(answer.status()).isEqualTo(403);
        assertThat(JSON.readTree(answer.body()).get("code").asText()).isEqualTo("origin-not-allowed");
    }

    private static void assertRefused(RawHttp.Answer answer, int status, String code, String message) throws IOException {
        assertThat(answer.status()).as(answer.head() + "\n" + answer.body()).isEqualTo(status);
        assertThat(answer.head().toLowerCase()).contains("content-type: application/json");
        JsonNode refusal = JSON.readTree(answer.body());
        assertThat(JSON.convertValue(refusal, Map.class)).isEqualTo(Map.of("code", code, "message", message));
    }
}
