package io.ecledger.ledger.event;

import io.ecledger.ledger.command.Names;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A {@code config set} or {@code config unset} on the manager's configuration. */
public record ConfigChanged(Action action, List<ScopeStep> scopePath, String option, Optional<String> value)
        implements Payload {

    /** Whether the option was given a value or had it removed. */
    public enum Action { SET, UNSET }

    public ConfigChanged {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(value, "value");
        if (option == null || option.isBlank()) {
            throw new IllegalArgumentException("a config change needs an option name");
        }
        Names.requireWord("option", option);
        if (action == Action.SET && value.isEmpty()) {
            throw new IllegalArgumentException("config set of " + option + " needs a value");
        }
        if (action == Action.UNSET && value.isPresent()) {
            throw new IllegalArgumentException("config unset of " + option + " takes no value");
        }
        scopePath = List.copyOf(scopePath);
    }

    @Override
    public String summary() {
        return "config " + action.name().toLowerCase(java.util.Locale.ROOT) + " " + option
                + value.map(v -> " = " + v).orElse("");
    }
}
