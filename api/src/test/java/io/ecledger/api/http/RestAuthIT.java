package io.ecledger.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecledger.api.access.WithoutSignIn;
import io.ecledger.api.auth.UserEntry;
import io.ecledger.api.auth.UsersFile;
import io.ecledger.api.testing.Cluster;
import io.ecledger.api.testing.ManagerFixture;
import io.ecledger.api.testing.SeededCluster;
import io.ecledger.ledger.testing.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The REST and admin ports as someone without a valid credential meets them: every resource method of the running
 * application answers 401 with a challenge, and nothing reaches the ledger.
 */
@ExtendWith(KafkaBroker.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestAuthIT {

    private static final String APPENDING_JSON = "{\"line\": \"flush control cache\"}";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration RE_READ = Duration.ofSeconds(10);

    private Cluster cluster;
    private ManagerFixture manager;
    private int port;

    @BeforeAll
    void startManager(KafkaBroker.Handle broker) {
        cluster = SeededCluster.fresh(broker).withoutNodes().start();
        manager = cluster.manager();
        port = java.net.URI.create(manager.endpoint()).getPort();
    }

    @AfterAll
    void stop() {
        cluster.close();
    }

    /** Every method and path of every resource the running application registered, path parameters filled in. */
    private List<String[]> everyEndpoint() {
        Set<Class<?>> classes = new LinkedHashSet<>(manager.environment().jersey().getResourceConfig().getClasses());
        manager.environment().jersey().getResourceConfig().getInstances().forEach(instance -> classes.add(instance.getClass()));
        List<String[]> endpoints = new ArrayList<>();
        for (Class<?> type : classes) {
            if (Resource.isAcceptable(type) && type.isAnnotationPresent(jakarta.ws.rs.Path.class)) {
                walk(Resource.from(type), "", endpoints);
            }
        }
        return endpoints;
    }

    private static void walk(Resource resource, String parent, List<String[]> into) {
        String path = (parent + "/" + resource.getPath()).replaceAll("/+", "/").replaceAll("\\{[^}]+}", "x");
        for (ResourceMethod method : resource.getResourceMethods()) {
            // the sign-in door (api.webui.SessionResource) is open to anyone; its own tests attack it
            if (!method.getInvocable().getHandlingMethod().isAnnotationPresent(WithoutSignIn.class)) {
                into.add(new String[] {method.getHttpMethod(), path});
            }
        }
        for (Resource child : resource.getChildResources()) {
            walk(child, path, into);
        }
    }

    private RawHttp.Answer raw(String method, String path, String... headers) {
        byte[] body = method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS") ? new byte[0]
                : APPENDING_JSON.getBytes(StandardCharsets.UTF_8);
        List<String> head = new ArrayList<>(List.of(method + " " + path + " HTTP/1.1", "Host: 127.0.0.1:" + port,
                "Content-Type: application/json", "Content-Length: " + body.length, "Connection: close"));
        head.addAll(List.of(headers));
        return RawHttp.exchange(port, String.join("\r\n", head), body);
    }

    @Test
    void everyResourceMethodOfTheRunningAppAnswersAnUnauthenticatedRequest401AndAppendsNothing() {
        long before = cluster.ledger().endOffset();
        List<String[]> endpoints = everyEndpoint();

        assertThat(endpoints).as("the resource model walked").hasSizeGreaterThan(20);
        for (String[] endpoint : endpoints) {
            if (endpoint[0].equals("OPTIONS") || endpoint[0].equals("HEAD")) {
                continue;
            }
            RawHttp.Answer answer = raw(endpoint[0], endpoint[1]);
            assertThat(answer.status()).as(endpoint[0] + " " + endpoint[1] + ": " + answer.body()).isEqualTo(401);
            assertThat(answer.head()).as(endpoint[0] + " " + endpoint[1]).containsIgnoringCase("WWW-Authenticate: Bearer");
        }
        assertThat(manager.console("version").statusCode()).isEqualTo(200);
        assertThat(cluster.ledger().endOffset()).isEqualTo(before);
    }

    @Test
    void aWrongTokenAWrongPasswordAndAnAuthorizationHeaderStandingInForJsonAre401AndAppendNothing() {
        long before = cluster.ledger().endOffset();
        String wrongPassword = Base64.getEncoder().encodeToString((ManagerFixture.ADMIN + ":guess").getBytes(StandardCharsets.UTF_8));

        for (String credential : List.of("Bearer " + "00000000.AAAA", "Bearer not-a-token",
                "Bearer " + manager.adminToken() + "x", "Basic " + wrongPassword, "Digest whatever")) {
            RawHttp.Answer answer = raw("POST", "/v1/console", "Authorization: " + credential);
            assertThat(answer.status()).as(credential).isEqualTo(401);
        }
        // the state-change guard lets an Authorization header stand in for JSON: a bogus one gets no further
        byte[] line = "flush control cache".getBytes(StandardCharsets.UTF_8);
        RawHttp.Answer plain = RawHttp.exchange(port, String.join("\r\n", "POST /v1/console HTTP/1.1",
                "Host: 127.0.0.1:" + port, "Content-Type: text/plain", "Authorization: Bearer forged",
                "Content-Length: " + line.length, "Connection: close"), line);
        assertThat(plain.status()).isEqualTo(401);
        assertThat(cluster.ledger().endOffset()).isEqualTo(before);
    }

    @Test
    void aLineSentWithAUsersTokenIsRecordedWithThatUserAsItsActor() {
        String token = manager.addUser("alice", "operator");
        await().atMost(RE_READ).until(() -> manager.as(token).get("/v1/version").statusCode() == 200);

        long before = cluster.ledger().endOffset();

        assertThat(manager.as(token).console("flush control cache").statusCode()).isEqualTo(200);

        List<String> actors = new ArrayList<>();
        cluster.ledger().read(before, entry -> actors.add(entry.event().actor()));
        assertThat(actors).containsExactly("alice");
    }

    @Test
    void aUsersPasswordOpensTheRestPortAsBasicAuth() {
        UsersFile users = UsersFile.read(manager.usersFile());
        String hash = new String(BCrypt.withDefaults().hash(10, "correct horse".toCharArray()), StandardCharsets.US_ASCII);
        users.with(new UserEntry("bob", List.of("viewer"), Optional.of(hash), List.of())).write(manager.usersFile());
        String basic = "Basic " + Base64.getEncoder().encodeToString("bob:correct horse".getBytes(StandardCharsets.UTF_8));

        await().atMost(RE_READ).until(() -> raw("GET", "/v1/version", "Authorization: " + basic).status() == 200);
        assertThat(raw("GET", "/v1/version", "Authorization: Basic "
                + Base64.getEncoder().encodeToString("bob:wrong".getBytes(StandardCharsets.UTF_8))).status()).isEqualTo(401);
    }

    @Test
    void aRevokedTokenAndARemovedUsersTokenAre401OnceTheFileChanges() {
        String kept = manager.addUser("carol", "operator");
        String revoked = manager.addUser("carol", "operator");
        String removed = manager.addUser("dave", "operator");
        await().atMost(RE_READ).until(() -> manager.as(removed).get("/v1/version").statusCode() == 200);
        assertThat(manager.as(revoked).get("/v1/version").statusCode()).isEqualTo(200);

        UsersFile users = UsersFile.read(manager.usersFile());
        UserEntry carol = users.find("carol").orElseThrow();
        users.with(carol.withoutToken(revoked.substring(0, 8))).without("dave").write(manager.usersFile());

        await().atMost(RE_READ).until(() -> manager.as(removed).get("/v1/version").statusCode() == 401);
        long before = cluster.ledger().endOffset();
        assertThat(manager.as(revoked).console("flush control cache").statusCode()).isEqualTo(401);
        assertThat(manager.as(removed).console("flush control cache").statusCode()).isEqualTo(401);
        assertThat(cluster.ledger().endOffset()).isEqualTo(before);
        assertThat(manager.as(kept).get("/v1/version").statusCode()).isEqualTo(200);
    }

    @Test
    void theAdminPortWantsAnAdminsTokenForItsTasksHealthAndMetricsButNotForPing() throws Exception {
        String viewer = manager.addUser("erin", "viewer");
        await().atMost(RE_READ).until(() -> manager.as(viewer).get("/v1/version").statusCode() == 200);
        long before = cluster.ledger().endOffset();

        for (String path : List.of("/tasks/rebuild", "/tasks/rotate-manager-key")) {
            assertThat(manager.anonymous().adminPost(path).statusCode()).as(path).isEqualTo(401);
            assertThat(manager.as(viewer).adminPost(path).statusCode()).as(path).isEqualTo(403);
        }
        for (String path : List.of("/healthcheck", "/metrics", "/threads")) {
            assertThat(manager.anonymous().admin(path).statusCode()).as(path).isEqualTo(401);
        }
        assertThat(manager.anonymous().admin("/tasks/rebuild").headers().firstValue("WWW-Authenticate")).isPresent();
        assertThat(manager.anonymous().admin("/ping").statusCode()).isEqualTo(200);
        assertThat(manager.admin("/healthcheck").statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(manager.admin("/metrics").body()).has("gauges")).isTrue();
        assertThat(cluster.ledger().endOffset()).isEqualTo(before);
    }
}
