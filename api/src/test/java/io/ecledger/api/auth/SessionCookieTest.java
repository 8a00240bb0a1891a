package io.ecledger.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.NewCookie;
import org.junit.jupiter.api.Test;

class SessionCookieTest {

    @Test
    void overTlsTheCookieIsSecureAndAlwaysHttpOnlyStrictAndForTheWholePort() {
        NewCookie secure = SessionCookie.set("abc", true);
        NewCookie plain = SessionCookie.set("abc", false);

        assertThat(secure.isSecure()).isTrue();
        assertThat(plain.isSecure()).isFalse();
        for (NewCookie cookie : new NewCookie[] {secure, plain}) {
            assertThat(cookie.isHttpOnly()).isTrue();
            assertThat(cookie.getSameSite()).isEqualTo(NewCookie.SameSite.STRICT);
            assertThat(cookie.getPath()).isEqualTo("/");
            assertThat(cookie.getMaxAge()).as("a browser session's cookie").isEqualTo(NewCookie.DEFAULT_MAX_AGE);
        }
        assertThat(secure.toString()).containsIgnoringCase("Secure").containsIgnoringCase("SameSite=Strict");
    }

    @Test
    void clearingExpiresTheCookieAtOnce() {
        NewCookie cleared = SessionCookie.clear(false);

        assertThat(cleared.getValue()).isEmpty();
        assertThat(cleared.getMaxAge()).isZero();
        assertThat(cleared.getSameSite()).isEqualTo(NewCookie.SameSite.STRICT);
    }
}
