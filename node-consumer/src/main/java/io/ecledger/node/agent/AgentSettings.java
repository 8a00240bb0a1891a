package io.ecledger.node.agent;

import io.ecledger.ledger.event.CommandIssued;
import java.time.Duration;
import java.util.Objects;

/**
 * How often a node agent says it is alive, how long one poll of the ledger waits, and how far after
 * its event a command's deadline may lie before the agent refuses to run it.
 */
public record AgentSettings(Duration heartbeatInterval, Duration pollTimeout, Duration maxDeadline) {

    /** The default bound on a command's deadline, which the manager warns about exceeding. */
    public static final Duration DEFAULT_MAX_DEADLINE = CommandIssued.DEFAULT_DEADLINE_BOUND;

    public AgentSettings {
        requirePositive("heartbeat interval", heartbeatInterval);
        requirePositive("poll timeout", pollTimeout);
        requirePositive("max deadline", maxDeadline);
    }

    /** These intervals with the default bound on deadlines. */
    public AgentSettings(Duration heartbeatInterval, Duration pollTimeout) {
        this(heartbeatInterval, pollTimeout, DEFAULT_MAX_DEADLINE);
    }

    /** Heartbeats every 5 s; polls of 200 ms, so a stop or a heartbeat is never far off; deadlines at most 1 h out. */
    public static AgentSettings defaults() {
        return new AgentSettings(Duration.ofSeconds(5), Duration.ofMillis(200), DEFAULT_MAX_DEADLINE);
    }

    /** These settings with another heartbeat interval. */
    public AgentSettings withHeartbeatInterval(Duration interval) {
        return new AgentSettings(interval, pollTimeout, maxDeadline);
    }

    /** These settings with another bound on how far after its event a command's deadline may be. */
    public AgentSettings withMaxDeadline(Duration bound) {
        return new AgentSettings(heartbeatInterval, pollTimeout, bound);
    }

    private static void requirePositive(String what, Duration value) {
        Objects.requireNonNull(value, what);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, was " + value);
        }
    }
}
