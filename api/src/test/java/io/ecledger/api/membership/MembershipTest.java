package io.ecledger.api.membership;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MembershipTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:34:00Z");
    private static final Duration WINDOW = Duration.ofSeconds(30);

    private static Member seen(Instant lastSeen, boolean left) {
        return Membership.member(new MemberRow("a", "east", "a.example.com", "0.1.0", lastSeen, left), NOW, WINDOW);
    }

    @Test
    void aMemberIsAliveWhenLastSeenWithinTheWindowAndNotLeft() {
        assertThat(seen(NOW.minusSeconds(5), false).alive()).isTrue();
        assertThat(seen(NOW.minus(WINDOW), false).alive()).isTrue();
        assertThat(seen(NOW.minus(WINDOW).minusMillis(1), false).alive()).isFalse();
        assertThat(seen(NOW.minusSeconds(5), true).alive()).isFalse();
        assertThat(seen(NOW.minusSeconds(5), true).left()).isTrue();
    }
}
