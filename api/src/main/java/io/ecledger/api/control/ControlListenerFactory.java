package io.ecledger.api.control;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/**
 * The control listener's YAML: what eccluster.conf's {@code Control_Listener} does not say. Where it listens, the
 * socket's mode and whether it authenticates are the file's ({@link ListenerSettings}); {@code path} only overrides
 * the file's {@code Listen} entries, for several managers on one machine.
 */
public class ControlListenerFactory {

    private boolean enabled = true;

    /**
     * Left out or blank: the Unix paths and TCP addresses of eccluster.conf's {@code Listen} entries. Set
     * ({@code ECLEDGER_CONTROL} in ops/conf/eccmgr.yml): this one Unix socket instead of all of them, logged at start-up.
     */
    private String path;

    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    private Duration idleTimeout = Duration.seconds(60);

    /** Sessions served at once; one past it is answered REFUSED and closed. Each takes a thread while it lasts. */
    @Min(1)
    @Max(4096)
    private int maxSessions = 64;

    /** How long the answer to a line with an idempotency key is kept for a console that sends the line again. */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    private Duration idempotencyWindow = Duration.minutes(10);

    /** How many keyed answers are kept at most; the oldest is forgotten first. */
    @Min(1)
    @Max(1_000_000)
    private int maxKeyedAnswers = 10_000;

    @JsonProperty
    public boolean isEnabled() {
        return enabled;
    }

    @JsonProperty
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @JsonProperty
    public String getPath() {
        return path;
    }

    @JsonProperty
    public void setPath(String path) {
        this.path = path;
    }

    /** The override of eccluster.conf's {@code Listen} entries, if one is set. */
    public java.util.Optional<String> pathOverride() {
        return java.util.Optional.ofNullable(path).map(String::strip).filter(p -> !p.isEmpty());
    }


    @JsonProperty
    public Duration getIdleTimeout() {
        return idleTimeout;
    }

    @JsonProperty
    public void setIdleTimeout(Duration idleTimeout) {
        this.idleTimeout = idleTimeout;
    }

    @JsonProperty
    public int getMaxSessions() {
        return maxSessions;
    }

    @JsonProperty
    public void setMaxSessions(int maxSessions) {
        this.maxSessions = maxSessions;
    }

    @JsonProperty
    public Duration getIdempotencyWindow() {
        return idempotencyWindow;
    }

    @JsonProperty
    public void setIdempotencyWindow(Duration idempotencyWindow) {
        this.idempotencyWindow = idempotencyWindow;
    }

    @JsonProperty
    public int getMaxKeyedAnswers() {
        return maxKeyedAnswers;
    }

    @JsonProperty
    public void setMaxKeyedAnswers(int maxKeyedAnswers) {
        this.maxKeyedAnswers = maxKeyedAnswers;
    }
}
