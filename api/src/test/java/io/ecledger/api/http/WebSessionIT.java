package io.ecledger.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecledger.api.testing.Cluster;
import io.ecledger.api.testing.ManagerFixture;
import io.ecledger.api.testing.SeededCluster;
import io.ecledger.ledger.testing.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The web console's sign-in as an attacker meets it, in raw HTTP: a session cookie is only half a credential (every
 * state change also wants the session's CSRF token), it dies with sign-out, with the user's removal and with the
 * credential it was opened with, and guessing passwords is throttled. Nothing refused reaches the ledger.
 */
@ExtendWith(KafkaBroker.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebSessionIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration RE_READ = Duration.ofSeconds(10);
    private static final String FLUSH = "{\"line\": \"flush control cache\"}";

    private Cluster cluster;
    private ManagerFixture manager;
    private int port;

    /** A signed-in browser: its cookie and CSRF token, as the sign-in answered them. */
    private record Browser(String cookie, String csrf, RawHttp.Answer signIn) {}

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

    private RawHttp.Answer raw(String method, String path, String body, String... headers) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        List<String> head = new ArrayList<>(List.of(method + " " + path + " HTTP/1.1", "Host: 127.0.0.1:" + port,
                "Content-Type: application/json", "Content-Length: " + bytes.length, "Connection: close"));
        head.addAll(List.of(headers));
        return RawHttp.exchange(port, String.join("\r\n", head), bytes);
    }

    private Browser signIn(String user, String password) throws Exception {
        RawHttp.Answer answer = raw("POST", "/v1/session",
                JSON.writeValueAsString(java.util.Map.of("user", user, "password", password)));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        Matcher cookie = Pattern.compile("(?im)^Set-Cookie: ecledger_session=([^;\\r\\n]+)").matcher(answer.head());
        assertThat(cookie.find()).as(answer.head()).isTrue();
        return new Browser(cookie.group(1), JSON.readTree(answer.body()).get("csrf").asText(), answer);
    }

    private String newUser(String name) {
        manager.addPasswordUser(name, "correct horse " + name, "admin");
        // slow enough that the failed tries before the users file is re-read stay under the sign-in throttle
        await().atMost(RE_READ).pollInterval(Duration.ofMillis(400)).until(() -> raw("POST", "/v1/session",
                "{\"user\": \"" + name + "\", \"password\": \"correct horse " + name + "\"}").status() == 200);
        return "correct horse " + name;
    }

    @Test
    void theSessionCookieIsHttpOnlyStrictSameSiteForTheWholePortAndNotSecureOverPlainHttp() throws Exception {
        Browser browser = signIn("ada", newUser("ada"));

        String setCookie = browser.signIn().head().lines().filter(l -> l.regionMatches(true, 0, "Set-Cookie:", 0, 11))
                .findFirst().orElseThrow();
        assertThat(setCookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict")
                .contains("Path=/").doesNotContainPattern("(?i);\\s*Secure\\s*(;|$)").doesNotContainIgnoringCase("Max-Age");
        JsonNode session = JSON.readTree(browser.signIn().body());
        assertThat(session.get("user").asText()).isEqualTo("ada");
        assertThat(session.get("may").get("send").asBoolean()).isTrue();
        assertThat(browser.csrf()).hasSizeGreaterThanOrEqualTo(40).isNotEqualTo(browser.cookie());
    }

    @Test
    void aCookieWithoutTheCsrfTokenOrWithAnotherSessionsChangesNothing() throws Exception {
        Browser ada = signIn("bea", newUser("bea"));
        Browser other = signIn("bea", "correct horse bea");
        long before = cluster.ledger().endOffset();

        RawHttp.Answer none = raw("POST", "/v1/console", FLUSH, "Cookie: ecledger_session=" + ada.cookie());
        RawHttp.Answer wrong = raw("POST", "/v1/console", FLUSH, "Cookie: ecledger_session=" + ada.cookie(),
                "X-CSRF-Token: " + other.csrf());
        RawHttp.Answer cancel = raw("POST", "/v1/commands/00000000-0000-0000-0000-000000000000/cancel", "{}",
                "Cookie: ecledger_session=" + ada.cookie());
        RawHttp.Answer crossSite = raw("POST", "/v1/console", FLUSH, "Cookie: ecledger_session=" + ada.cookie(),
                "X-CSRF-Token: " + ada.csrf(), "Origin: https://evil.example");

        assertThat(none.status()).as(none.body()).isEqualTo(403);
        assertThat(none.body()).contains("csrf-token-missing", "X-CSRF-Token");
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(cancel.status()).isEqualTo(403);
        assertThat(crossSite.status()).as("a page elsewhere is refused before any credential").isEqualTo(403);
        assertThat(crossSite.body()).contains("origin-not-allowed");
        assertThat(cluster.ledger().endOffset()).as("nothing appended").isEqualTo(before);

        RawHttp.Answer right = raw("POST", "/v1/console", FLUSH, "Cookie: ecledger_session=" + ada.cookie(),
                "X-CSRF-Token: " + ada.csrf());
        assertThat(right.status()).as(right.body()).isEqualTo(200);
        assertThat(cluster.ledger().endOffset()).isGreaterThan(before);
        List<String> actors = new ArrayList<>();
        cluster.ledger().read(before, entry -> actors.add(entry.event().actor()));
        assertThat(actors).as("the session's user is the actor").containsExactly("bea");
    }

    @Test
    void theConsoleAnswersThePageInJsonWithTheCommandToFollowAndEveryOtherClientInTextAsBefore() throws Exception {
        Browser browser = signIn("ian", newUser("ian"));
        String cookie = "Cookie: ecledger_session=" + browser.cookie();
        String csrf = "X-CSRF-Token: " + browser.csrf();

        RawHttp.Answer json = raw("POST", "/v1/console", "{\"line\": \"broadcast version\"}", cookie, csrf,
                "Accept: application/json");
        RawHttp.Answer text = raw("POST", "/v1/console", "{\"line\": \"broadcast version\"}", cookie, csrf);
        RawHttp.Answer refused = raw("POST", "/v1/console", "{\"line\": \"unicast nosuchnode version\"}", cookie,
                csrf, "Accept: application/json");

        assertThat(json.status()).as(json.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(json.body());
        assertThat(answer.get("commandId").asText()).matches("[0-9a-f-]{36}");
        assertThat(answer.get("expectedNodes").isArray()).isTrue();
        assertThat(answer.get("text").asText()).contains("command " + answer.get("commandId").asText());
        assertThat(text.head()).containsIgnoringCase("Content-Type: text/plain");
        assertThat(text.body()).startsWith("sent to broadcast");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(JSON.readTree(refused.body()).get("message").asText()).contains("unknown node 'nosuchnode'");
        assertThat(raw("POST", "/v1/console", "{\"line\": \"version\"}", cookie, csrf, "Accept: application/json")
                .body()).contains("\"commandId\":null");
    }

    @Test
    void aReadNeedsNoCsrfTokenButAForgedOrUnknownCookieIs401WithoutABrowserPasswordBox() throws Exception {
        Browser browser = signIn("cy", newUser("cy"));

        assertThat(raw("GET", "/v1/membership", "", "Cookie: ecledger_session=" + browser.cookie()).status())
                .isEqualTo(200);
        RawHttp.Answer forged = raw("GET", "/v1/membership", "", "Cookie: ecledger_session=" + browser.cookie() + "x");
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.body()).contains("session-ended");
        assertThat(forged.head()).doesNotContainIgnoringCase("WWW-Authenticate");
        RawHttp.Answer script = raw("GET", "/v1/membership", "", "Sec-Fetch-Mode: cors");
        assertThat(script.status()).isEqualTo(401);
        assertThat(script.head()).as("a page's fetch gets no Basic challenge").doesNotContainIgnoringCase("Basic realm");
        RawHttp.Answer curl = raw("GET", "/v1/membership", "");
        assertThat(curl.head()).as("other clients still get the challenge").containsIgnoringCase("WWW-Authenticate: Bearer");
    }

    @Test
    void signingOutEndsTheSessionAndClearsTheCookie() throws Exception {
        Browser browser = signIn("dee", newUser("dee"));

        RawHttp.Answer withoutToken = raw("DELETE", "/v1/session", "", "Cookie: ecledger_session=" + browser.cookie());
        assertThat(withoutToken.status()).as("a cross-site sign-out needs the token too").isEqualTo(403);
        RawHttp.Answer out = raw("DELETE", "/v1/session", "", "Cookie: ecledger_session=" + browser.cookie(),
                "X-CSRF-Token: " + browser.csrf());
        assertThat(out.status()).isEqualTo(204);
        assertThat(out.head()).containsPattern("(?i)Set-Cookie: ecledger_session=;.*Max-Age=0");
        assertThat(raw("GET", "/v1/session", "", "Cookie: ecledger_session=" + browser.cookie()).status()).isEqualTo(401);
        assertThat(raw("GET", "/v1/membership", "", "Cookie: ecledger_session=" + browser.cookie()).status())
                .isEqualTo(401);
    }

    @Test
    void aSessionEndsWhenItsUserLosesThePasswordItWasOpenedWith() throws Exception {
        Browser browser = signIn("eve", newUser("eve"));
        String cookie = "Cookie: ecledger_session=" + browser.cookie();
        assertThat(raw("GET", "/v1/session", "", cookie).status()).isEqualTo(200);

        manager.addPasswordUser("eve", "a new password", "admin");

        await().atMost(RE_READ).until(() -> raw("GET", "/v1/membership", "", cookie).status() == 401);
        assertThat(raw("GET", "/v1/session", "", cookie).status()).isEqualTo(401);
    }

    @Test
    void aTokenSignsInTooAndRevokingTheTokenEndsTheSession() throws Exception {
        String token = manager.addUser("fay", "admin");
        await().atMost(RE_READ).until(() -> manager.as(token).get("/v1/version").statusCode() == 200);
        RawHttp.Answer answer = raw("POST", "/v1/session", "{\"token\": \"" + token + "\"}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        Matcher cookie = Pattern.compile("(?im)^Set-Cookie: ecledger_session=([^;\\r\\n]+)").matcher(answer.head());
        assertThat(cookie.find()).isTrue();
        String header = "Cookie: ecledger_session=" + cookie.group(1);
        assertThat(raw("GET", "/v1/membership", "", header).status()).isEqualTo(200);

        io.ecledger.api.auth.UsersFile users = io.ecledger.api.auth.UsersFile.read(manager.usersFile());
        io.ecledger.api.auth.UserEntry fay = users.find("fay").orElseThrow();
        users.with(fay.withoutToken(fay.tokens().get(0).id())).write(manager.usersFile());

        await().atMost(RE_READ).until(() -> raw("GET", "/v1/membership", "", header).status() == 401);
    }

    @Test
    @Order(Integer.MAX_VALUE - 1) // it turns password sign-in off for a while
    void turningPasswordSignInOffWithConfigSetAppliesToTheNextSignInWithoutARestart() throws Exception {
        newUser("hal");
        assertThat(manager.console("config set Web_UI Password_Sign_In false").body())
                .contains("takes effect at once");
        try {
            await().atMost(RE_READ).pollInterval(Duration.ofMillis(400)).untilAsserted(() -> {
                RawHttp.Answer refused = raw("POST", "/v1/session",
                        "{\"user\": \"hal\", \"password\": \"correct horse hal\"}");
                assertThat(refused.status()).isEqualTo(400);
                assertThat(refused.body()).contains("password-sign-in-off", "Web_UI Password_Sign_In");
            });
            assertThat(raw("GET", "/v1/session/options", "").body()).contains("\"passwordSignIn\":false");
            String token = manager.addUser("hal", "admin");
            await().atMost(RE_READ).pollInterval(Duration.ofMillis(400)).until(() ->
                    raw("POST", "/v1/session", "{\"token\": \"" + token + "\"}").status() == 200);
        } finally {
            manager.console("config set Web_UI Password_Sign_In true");
        }
    }

    @Test
    @Order(Integer.MAX_VALUE) // last: it leaves 127.0.0.1 throttled for five minutes
    void guessingPasswordsFromOneAddressIsThrottledAndNothingSignsIn() throws Exception {
        newUser("gus");
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            statuses.add(raw("POST", "/v1/session", "{\"user\": \"gus\", \"password\": \"guess " + i + "\"}").status());
        }
        assertThat(statuses.subList(0, 10)).containsOnly(401);
        assertThat(statuses.subList(10, 12)).containsOnly(429);
        RawHttp.Answer right = raw("POST", "/v1/session", "{\"user\": \"gus\", \"password\": \"correct horse gus\"}");
        assertThat(right.status()).as("even the right password waits out the throttle").isEqualTo(429);
        assertThat(right.head()).containsIgnoringCase("Retry-After:");
        assertThat(right.head()).doesNotContainIgnoringCase("Set-Cookie");
    }

    @Test
    void aSignInWithNoCredentialsOrAMalformedBodyIsRefusedWithTheShapeItWants() {
        RawHttp.Answer empty = raw("POST", "/v1/session", "{}");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body()).contains("\\\"token\\\"");
        RawHttp.Answer broken = raw("POST", "/v1/session", "{\"user\": ");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(raw("GET", "/v1/session/options", "").body()).contains("\"passwordSignIn\":true", "\"tokenSignIn\":true");
    }
}
