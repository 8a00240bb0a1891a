package io.ecledger.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which Host and Origin headers pass: two tables, as a browser or an attacker's page would send them. */
class HostGuardTest {

    private static final HostGuard GUARD = new HostGuard(Set.of("localhost", "127.0.0.1", "::1", "eccmgr.example"),
            Set.of("https://console.example"));

    @Test
    void theManagersOwnNamesAndOriginsPass() {
        for (Map<String, String> headers : new Map[] {
                Map.of("Host", "127.0.0.1:2025"),
                Map.of("Host", "LOCALHOST:2025"),
                Map.of("Host", "[::1]:2025"),
                Map.of("Host", "127.0.0.1"),
                Map.of("Host", "eccmgr.example:2025", "Origin", "http://eccmgr.example:2025"),
                Map.of("Host", "localhost:2025", "Origin", "http://localhost:2025"),
                Map.of("Host", "localhost", "Origin", "http://localhost:80"),
                Map.of("Host", "127.0.0.1:2025", "Origin", "https://console.example")}) {
            assertThat(GUARD.check(request(headers))).as(headers.toString()).isEmpty();
        }
    }

    @Test
    void foreignNamesAndOriginsAreRefusedWithTheirCode() {
        Map<Map<String, String>, String> refused = Map.of(
                Map.of("Host", "attacker.example:2025"), "host-not-allowed",
                Map.of("Host", "127.0.0.1.attacker.example"), "host-not-allowed",
                Map.of(), "host-not-allowed",
                Map.of("Host", "127.0.0.1:2025", "Origin", "http://attacker.example"), "origin-not-allowed",
                Map.of("Host", "127.0.0.1:2025", "Origin", "null"), "origin-not-allowed",
                Map.of("Host", "localhost:2025", "Origin", "http://localhost:8000"), "origin-not-allowed",
                Map.of("Host", "localhost:2025", "Origin", "https://localhost:2025"), "origin-not-allowed",
                Map.of("Host", "localhost:2025", "Origin", "http://127.0.0.1:2025"), "origin-not-allowed");
        refused.forEach((headers, code) -> assertThat(GUARD.check(request(headers)).map(HttpRefusal::code))
                .as(headers.toString()).isEqualTo(Optional.of(code)));
    }

    @Test
    void aForeignHostIsAnswered421AndAForeignOrigin403() {
        assertThat(GUARD.check(request(Map.of("Host", "attacker.example"))).orElseThrow().status()).isEqualTo(421);
        assertThat(GUARD.check(request(Map.of("Host", "localhost", "Origin", "http://attacker.example")))
                .orElseThrow().status()).isEqualTo(403);
    }

    /** A plain HTTP request with exactly these headers. */
    static HttpServletRequest request(Map<String, String> headers) {
        return (HttpServletRequest) Proxy.newProxyInstance(HostGuardTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getHeader" -> headers.get((String) args[0]);
                    case "isSecure" -> false;
                    case "getMethod" -> "GET";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
