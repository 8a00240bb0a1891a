package io.ecledger.node.agent;

import java.time.Duration;
import java.util.Objects;

/** How often a node agent says it is alive and how long one poll of the ledger waits. */
public record AgentSettings(Duration heartbeatInterval, Duration pollTimeout) {

    public AgentSettings {
        requirePositive("heartbeat interval", heartbeatInterval);
        requirePositive("poll timeout", pollTimeout);
    }

    /** Heartbeats every 5 s; polls of 200 ms, so a stop or a heartbeat is never far off. */
    public static AgentSettings defaults() {
        return new AgentSettings(Duration.ofSeconds(5), Duration.ofMillis(200));
    }

    /** These settings with another heartbeat interval. */
    public AgentSettings withHeartbeatInterval(Duration interval) {
        return new AgentSettings(interval, pollTimeout);
    }

    private static void requirePositive(String what, Duration value) {
        Objects.requireNonNull(value, what);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, was " + value);
        }
    }
}
