package io.ecledger.api.asof;

import java.time.Duration;

/** How the as-of snapshots are kept: see {@link AsOfFactory} for each. */
public record SnapshotSettings(long every, int keep, Duration lateness, Duration buildEvery) {

    public SnapshotSettings {
        if (every < 1 || keep < 2 || lateness.isNegative() || buildEvery.isNegative() || buildEvery.isZero()) {
            throw new IllegalArgumentException("as-of snapshots every " + every + " (>= 1), keep " + keep
                    + " (>= 2), lateness " + lateness + " (>= 0), build every " + buildEvery + " (> 0)");
        }
    }
}
