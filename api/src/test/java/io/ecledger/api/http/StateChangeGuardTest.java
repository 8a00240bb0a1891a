package io.ecledger.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which requests may change state, and which bodies are read at all: tables of method, headers and verdict. */
class StateChangeGuardTest {

    private static final StateChangeGuard STATE = new StateChangeGuard();
    private static final BodyGuard BODY = new BodyGuard(65_536);

    @Test
    void aStateChangeNeedsJsonOrAnAuthorizationHeader() {
        record Row(String method, String contentType, String authorization, boolean passes) {}
        for (Row row : List.of(
                new Row("GET", null, null, true),
                new Row("HEAD", "text/plain", null, true),
                new Row("POST", "application/json", null, true),
                new Row("POST", "application/json; charset=utf-8", null, true),
                new Row("PUT", "application/merge-patch+json", null, true),
                new Row("POST", "text/plain", "Bearer t0ken", true),
                new Row("POST", "text/plain", null, false),
                new Row("POST", "application/x-www-form-urlencoded", null, false),
                new Row("POST", "multipart/form-data; boundary=x", null, false),
                new Row("POST", null, null, false),
                new Row("DELETE", null, null, false),
                new Row("PUT", "text/plain", null, false),
                new Row("post", "text/plain;charset=utf-8", null, false))) {
            assertThat(STATE.check(request(row.method(), row.contentType(), row.authorization(), null, -1)).isEmpty())
                    .as(row.toString()).isEqualTo(row.passes());
        }
    }

    @Test
    void aRefusedStateChangeIs415NamingWhatWasSent() {
        HttpRefusal refusal = STATE.check(request("POST", "text/plain", null, null, 4)).orElseThrow();

        assertThat(refusal).isEqualTo(new HttpRefusal(415, "json-required",
                "POST needs Content-Type: application/json (or an Authorization header); got 'text/plain'"));
    }

    @Test
    void aCompressedOrOverlongBodyIsRefusedAndAnyOtherPasses() {
        assertThat(BODY.check(request("POST", "application/json", null, "gzip", 20)).map(HttpRefusal::status))
                .contains(415);
        assertThat(BODY.check(request("POST", "application/json", null, "deflate", 20)).map(HttpRefusal::status))
                .contains(415);
        assertThat(BODY.check(request("POST", "application/json", null, null, 65_537)).map(HttpRefusal::status))
                .contains(413);
        assertThat(BODY.check(request("POST", "application/json", null, "identity", 65_536))).isEmpty();
        assertThat(BODY.check(request("POST", "application/json", null, null, -1))).isEmpty();
    }

    private static HttpServletRequest request(String method, String contentType, String authorization,
                                              String encoding, long length) {
        return (HttpServletRequest) Proxy.newProxyInstance(StateChangeGuardTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getContentType" -> contentType;
                    case "getContentLengthLong" -> length;
                    case "getHeader" -> switch (((String) args[0]).toLowerCase()) {
                        case "authorization" -> authorization;
                        case "content-encoding" -> encoding;
                        default -> null;
                    };
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }
}
