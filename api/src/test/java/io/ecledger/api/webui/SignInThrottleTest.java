package io.ecledger.api.webui;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecledger.ledger.testing.SteppingClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {

    private final SteppingClock clock = new SteppingClock(Instant.parse("2026-12-04T00:00:00Z"));
    private final SignInThrottle throttle = new SignInThrottle(3, Duration.ofMinutes(5), 2, clock);

    @Test
    void anAddressIsRefusedAfterTheAllowedFailuresUntilTheOldestLeavesTheWindow() {
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.wait("10.0.0.1")).isEmpty();
            throttle.failed("10.0.0.1");
            clock.advance(Duration.ofMinutes(1));
        }

        assertThat(throttle.wait("10.0.0.1")).contains(Duration.ofMinutes(2));
        assertThat(throttle.wait("10.0.0.2")).as("another address").isEmpty();
        clock.advance(Duration.ofMinutes(2));
        assertThat(throttle.wait("10.0.0.1")).as("the first failure is five minutes old").isEmpty();
    }

    @Test
    void aSuccessfulSignInForgetsTheFailures() {
        throttle.failed("10.0.0.1");
        throttle.failed("10.0.0.1");
        throttle.succeeded("10.0.0.1");
        throttle.failed("10.0.0.1");
        throttle.failed("10.0.0.1");

        assertThat(throttle.wait("10.0.0.1")).isEmpty();
    }

    @Test
    void atMostTheLimitOfAddressesIsKeptTheLeastRecentlyFailedForgottenFirst() {
        for (String address : new String[] {"10.0.0.1", "10.0.0.2", "10.0.0.3"}) {
            for (int i = 0; i < 3; i++) {
                throttle.failed(address);
            }
        }

        assertThat(throttle.wait("10.0.0.1")).as("pushed out").isEmpty();
        assertThat(throttle.wait("10.0.0.2")).isPresent();
        assertThat(throttle.wait("10.0.0.3")).isPresent();
    }
}
