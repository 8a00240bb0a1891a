package io.ecledger.ledger.config;

import io.ecledger.ledger.event.ScopeStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A parsed configuration: the items of the top-level scope, comments and includes kept. Immutable; the editing
 * methods return a new tree and work on the {@link #flatten() flattened} form, where includes are inlined.
 */
public record ConfigTree(List<ConfigItem> items) {

    public ConfigTree {
        items = List.copyOf(items);
    }

    /** The same configuration with every include replaced by what it included, in place. */
    public ConfigTree flatten() {
        return new ConfigTree(flatten(items));
    }

    private static List<ConfigItem> flatten(List<ConfigItem> items) {
        List<ConfigItem> out = new ArrayList<>();
        for (ConfigItem item : items) {
            if (item instanceof ConfigItem.Include include) {
                out.addAll(flatten(include.items()));
            } else if (item instanceof ConfigItem.Scope scope) {
                out.add(scope.withItems(flatten(scope.items())));
            } else {
                out.add(item);
            }
        }
        return out;
    }

    /** The same tree without comments, blank lines and include boundaries: what the settings are. */
    public ConfigTree settings() {
        return new ConfigTree(settings(flatten(items)));
    }

    private static List<ConfigItem> settings(List<ConfigItem> items) {
        List<ConfigItem> out = new ArrayList<>();
        for (ConfigItem item : items) {
            if (item instanceof ConfigItem.Option option) {
                out.add(new ConfigItem.Option(option.name(), option.value(), Optional.empty()));
            } else if (item instanceof ConfigItem.Scope scope) {
                out.add(scope.withItems(settings(scope.items())));
            }
        }
        return out;
    }

    /** The items directly inside the scope at {@code path} (includes inlined), if that scope exists. */
    public Optional<List<ConfigItem>> scope(List<ScopeStep> path) {
        List<ConfigItem> current = flatten(items);
        for (ScopeStep step : path) {
            Optional<ConfigItem.Scope> found = findScope(current, step);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            current = found.get().items();
        }
        return Optional.of(current);
    }

    /** The value set for {@code option} in exactly the scope at {@code path}; the last setting wins, as in ecelerity. */
    public Optional<ConfigItem.Option> option(List<ScopeStep> path, String option) {
        return scope(path).flatMap(body -> {
            ConfigItem.Option last = null;
            for (ConfigItem item : body) {
                if (item instanceof ConfigItem.Option o && o.isNamed(option)) {
                    last = o;
                }
            }
            return Optional.ofNullable(last);
        });
    }

    /** A tree with {@code option} set to {@code value} at {@code path}, missing scopes created at the end. */
    public ConfigTree set(List<ScopeStep> path, String option, ConfigValue value) {
        return new ConfigTree(set(flatten(items), path, option, value));
    }

    private static List<ConfigItem> set(List<ConfigItem> items, List<ScopeStep> path, String option, ConfigValue value) {
        List<ConfigItem> out = new ArrayList<>(items);
        if (path.isEmpty()) {
            for (int i = out.size() - 1; i >= 0; i--) {
                if (out.get(i) instanceof ConfigItem.Option o && o.isNamed(option)) {
                    out.set(i, o.withValue(value));
                    return out;
                }
            }
            out.add(new ConfigItem.Option(option, value, Optional.empty()));
            return out;
        }
        List<ScopeStep> rest = path.subList(1, path.size());
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i) instanceof ConfigItem.Scope s && s.matches(path.get(0))) {
                out.set(i, s.withItems(set(s.items(), rest, option, value)));
                return out;
            }
        }
        out.add(new ConfigItem.Scope(path.get(0).name(), path.get(0).instance(), set(List.of(), rest, option, value)));
        return out;
    }

    /** A tree without any setting of {@code option} directly in the scope at {@code path}. */
    public ConfigTree unset(List<ScopeStep> path, String option) {
        return new ConfigTree(unset(flatten(items), path, option));
    }

    private static List<ConfigItem> unset(List<ConfigItem> items, List<ScopeStep> path, String option) {
        List<ConfigItem> out = new ArrayList<>();
        boolean descended = false;
        for (ConfigItem item : items) {
            if (path.isEmpty() && item instanceof ConfigItem.Option o && o.isNamed(option)) {
                continue;
            }
            if (!path.isEmpty() && !descended && item instanceof ConfigItem.Scope s && s.matches(path.get(0))) {
                descended = true;
                out.add(s.withItems(unset(s.items(), path.subList(1, path.size()), option)));
                continue;
            }
            out.add(item);
        }
        return out;
    }

    /** Every scope in the tree with the path leading to it, outermost first, in file order. */
    public List<List<ScopeStep>> scopePaths() {
        List<List<ScopeStep>> out = new ArrayList<>();
        collect(flatten(items), List.of(), out);
        return out;
    }

    private static void collect(List<ConfigItem> items, List<ScopeStep> prefix, List<List<ScopeStep>> out) {
        for (ConfigItem item : items) {
            if (item instanceof ConfigItem.Scope s) {
                List<ScopeStep> path = new ArrayList<>(prefix);
                path.add(s.step());
                out.add(List.copyOf(path));
                collect(s.items(), path, out);
            }
        }
    }

    static Optional<ConfigItem.Scope> findScope(List<ConfigItem> items, ScopeStep step) {
        for (ConfigItem item : items) {
            if (item instanceof ConfigItem.Scope s && s.matches(step)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
