package io.ecledger.ledger.config;

import java.util.Set;

/** A row of the scope table: a kind of scope, whether its instances are named, and where it may appear. */
public record ScopeKind(String name, boolean named, Set<String> parents) {

    public ScopeKind {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a scope kind needs a name");
        }
        parents = Set.copyOf(parents.stream().map(ConfigItem::key).toList());
    }

    /** True when this kind of scope may sit directly in a scope of kind {@code parent} ({@link ConfigSchema#GLOBAL} at the top). */
    public boolean allowedIn(String parent) {
        return parents.contains(ConfigItem.key(parent));
    }
}
