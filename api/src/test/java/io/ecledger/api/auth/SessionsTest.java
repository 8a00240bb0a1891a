package io.ecledger.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecledger.ledger.testing.SteppingClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SessionsTest {

    private final SteppingClock clock = new SteppingClock(Instant.parse("2026-12-04T00:00:00Z"));
    private final AtomicReference<SessionLimits> limits =
            new AtomicReference<>(new SessionLimits(Duration.ofMinutes(30), Duration.ofHours(12), 3));
    private final Sessions sessions = new Sessions(limits::get, clock);

    private static SignedIn ada() {
        return new SignedIn(new User("ada", Set.of("admin")), "token:0123abcd");
    }

    @Test
    void aSessionIsFoundByItsCookieOnlyAndEachHasACsrfTokenOfItsOwn() {
        Sessions.Opened one = sessions.open(ada());
        Sessions.Opened two = sessions.open(ada());

        assertThat(sessions.use(one.cookie())).contains(sessions.use(one.cookie()).orElseThrow());
        assertThat(sessions.use(one.cookie() + "x")).isEmpty();
        assertThat(one.session().csrf()).isNotEqualTo(two.session().csrf()).isNotEqualTo(one.cookie());
        assertThat(one.session().csrfIs(one.session().csrf())).isTrue();
        assertThat(one.session().csrfIs(two.session().csrf())).isFalse();
        assertThat(one.session().csrfIs(null)).isFalse();
        assertThat(one.session().csrfIs("")).isFalse();
    }

    @Test
    void aSessionUnusedForTheIdleTimeEndsAndUseKeepsItOpen() {
        Sessions.Opened opened = sessions.open(ada());

        clock.advance(Duration.ofMinutes(29));
        assertThat(sessions.use(opened.cookie())).isPresent();
        clock.advance(Duration.ofMinutes(29));
        assertThat(sessions.use(opened.cookie())).as("used 29 minutes ago").isPresent();
        clock.advance(Duration.ofMinutes(31));
        assertThat(sessions.use(opened.cookie())).isEmpty();
        assertThat(sessions.open()).as("an expired session is dropped when met").isZero();
    }

    @Test
    void aSessionEndsAtItsLifetimeHoweverBusy() {
        Sessions.Opened opened = sessions.open(ada());
        for (int i = 0; i < 24; i++) {
            clock.advance(Duration.ofMinutes(29));
            sessions.use(opened.cookie());
        }
        // 11 h 36 min in: still open; 29 more minutes pass 12 h
        assertThat(sessions.use(opened.cookie())).isPresent();
        clock.advance(Duration.ofMinutes(29));
        assertThat(sessions.use(opened.cookie())).isEmpty();
    }

    @Test
    void aShorterTimeoutSetWhileASessionIsOpenAppliesToItAtOnce() {
        Sessions.Opened opened = sessions.open(ada());
        clock.advance(Duration.ofMinutes(10));

        limits.set(new SessionLimits(Duration.ofMinutes(5), Duration.ofHours(12), 3));

        assertThat(sessions.use(opened.cookie())).isEmpty();
    }

    @Test
    void beyondTheLimitTheLeastRecentlyUsedSessionEnds() {
        Sessions.Opened first = sessions.open(ada());
        Sessions.Opened second = sessions.open(ada());
        Sessions.Opened third = sessions.open(ada());
        sessions.use(first.cookie());

        Sessions.Opened fourth = sessions.open(ada());

        assertThat(sessions.open()).isEqualTo(3);
        assertThat(sessions.use(second.cookie())).as("least recently used").isEmpty();
        assertThat(sessions.use(first.cookie())).isPresent();
        assertThat(sessions.use(third.cookie())).isPresent();
        assertThat(sessions.use(fourth.cookie())).isPresent();
    }

    @Test
    void aClosedSessionIsGone() {
        Sessions.Opened opened = sessions.open(ada());

        assertThat(sessions.close(opened.cookie())).isTrue();
        assertThat(sessions.use(opened.cookie())).isEmpty();
        assertThat(sessions.close(opened.cookie())).isFalse();
    }

    @Test
    void aSignInPrintsWithoutItsCredential() {
        SignedIn signedIn = new SignedIn(new User("ada", Set.of()), "password:$2a$10$secrethashsecrethash");

        assertThat(signedIn.toString()).contains("ada", "password").doesNotContain("$2a$");
    }
}
