package io.ecledger.ledger.event;

import java.util.Objects;
import java.util.Optional;

/** One scope on the way to an option: {@code Control_Listener}, or {@code Listen "/tmp/2025"}. */
public record ScopeStep(String name, Optional<String> instance) {

    public ScopeStep {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a scope needs a name");
        }
        Objects.requireNonNull(instance, "instance");
    }

    /** An anonymous scope such as {@code Control_Listener}. */
    public static ScopeStep anonymous(String name) {
        return new ScopeStep(name, Optional.empty());
    }

    /** A named scope such as {@code Listen "/tmp/2025"}. */
    public static ScopeStep named(String name, String instance) {
        return new ScopeStep(name, Optional.of(instance));
    }
}
