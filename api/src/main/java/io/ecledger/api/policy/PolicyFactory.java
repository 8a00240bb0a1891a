package io.ecledger.api.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Min;
import java.nio.file.Path;
import java.util.Optional;

/** The {@code policy:} section: which command policy the manager applies, and how many denials go on the ledger. */
public class PolicyFactory {

    /** A policy YAML file; without one the shipped default policy applies (ledger.policy's default-policy.yaml). */
    private String file;

    /** Denials one actor may put on the ledger at once, before the refill below limits them. */
    @Min(1)
    private int deniedBurst = 10;

    /** Denials per minute one actor's allowance refills by; past it a denial is still refused, only not recorded. */
    @Min(1)
    private int deniedPerMinute = 10;

    /** The policy file, if one is configured. */
    public Optional<Path> file() {
        return file == null || file.isBlank() ? Optional.empty() : Optional.of(Path.of(file));
    }

    @JsonProperty
    public String getFile() {
        return file;
    }

    @JsonProperty
    public void setFile(String file) {
        this.file = file;
    }

    @JsonProperty
    public int getDeniedBurst() {
        return deniedBurst;
    }

    @JsonProperty
    public void setDeniedBurst(int deniedBurst) {
        this.deniedBurst = deniedBurst;
    }

    @JsonProperty
    public int getDeniedPerMinute() {
        return deniedPerMinute;
    }

    @JsonProperty
    public void setDeniedPerMinute(int deniedPerMinute) {
        this.deniedPerMinute = deniedPerMinute;
    }
}
