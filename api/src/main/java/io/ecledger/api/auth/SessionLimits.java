package io.ecledger.api.auth;

import java.time.Duration;

/** How long a browser session lasts unused and at most, and how many are kept at once. */
public record SessionLimits(Duration idle, Duration lifetime, int max) {

    public SessionLimits {
        if (idle.isNegative() || idle.isZero() || lifetime.isNegative() || lifetime.isZero() || max < 1) {
            throw new IllegalArgumentException("session limits must be positive: " + idle + ", " + lifetime + ", "
                    + max);
        }
    }
}
