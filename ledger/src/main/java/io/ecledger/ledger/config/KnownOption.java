package io.ecledger.ledger.config;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A row of the option table: the option's canonical name, type, default (what {@code config eval} falls back to),
 * and the kinds of scope it may be set in ({@link ConfigSchema#GLOBAL} for the top level).
 */
public record KnownOption(String name, OptionType type, Optional<ConfigValue> defaultValue, Set<String> scopes) {

    public KnownOption {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a known option needs a name");
        }
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultValue, "defaultValue");
        scopes = Set.copyOf(scopes.stream().map(ConfigItem::key).toList());
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("option " + name + " must be valid in at least one scope");
        }
        defaultValue.flatMap(type::problem).ifPresent(problem -> {
            throw new IllegalArgumentException("default of " + name + ": " + problem);
        });
    }

    /** True when the option may be set in scopes of kind {@code scopeKind} ({@link ConfigSchema#GLOBAL} at the top). */
    public boolean validIn(String scopeKind) {
        return scopes.contains(ConfigItem.key(scopeKind));
    }
}
