package io.ecledger.ledger.config;

import io.ecledger.ledger.event.ScopeStep;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** One line-level element of a configuration file, kept with its comments so writeback loses none. */
public sealed interface ConfigItem
        permits ConfigItem.Option, ConfigItem.Scope, ConfigItem.Comment, ConfigItem.Blank, ConfigItem.Include {

    /** {@code name = value}, with the comment that followed it on its line, if any. */
    record Option(String name, ConfigValue value, Optional<String> comment) implements ConfigItem {
        public Option {
            requireName(name, "option");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(comment, "comment");
        }

        /** This option with another value, its comment kept. */
        public Option withValue(ConfigValue newValue) {
            return new Option(name, newValue, comment);
        }

        /** True when this is option {@code other}; ecelerity option names are case-insensitive. */
        public boolean isNamed(String other) {
            return name.equalsIgnoreCase(other);
        }
    }

    /** {@code Name { … }} or {@code Name "instance" { … }}. */
    record Scope(String name, Optional<String> instance, List<ConfigItem> items) implements ConfigItem {
        public Scope {
            requireName(name, "scope");
            Objects.requireNonNull(instance, "instance");
            items = List.copyOf(items);
        }

        /** The step a scope path takes to reach this scope. */
        public ScopeStep step() {
            return new ScopeStep(name, instance);
        }

        /** True when {@code step} names this scope: scope names ignore case, instances do not. */
        public boolean matches(ScopeStep step) {
            return name.equalsIgnoreCase(step.name()) && instance.equals(step.instance());
        }

        /** This scope with other contents. */
        public Scope withItems(List<ConfigItem> newItems) {
            return new Scope(name, instance, newItems);
        }
    }

    /** A comment on a line of its own, {@code #} included. */
    record Comment(String text) implements ConfigItem {
        public Comment {
            if (text == null || !text.startsWith("#")) {
                throw new IllegalArgumentException("a comment starts with '#', got " + text);
            }
        }
    }

    /** An empty line, kept so a written-back file keeps its paragraphs. */
    record Blank() implements ConfigItem {}

    /** {@code include "path"}: {@code items} is what the included file holds, parsed. */
    record Include(String keyword, String path, List<ConfigItem> items) implements ConfigItem {
        public Include {
            Objects.requireNonNull(keyword, "keyword");
            Objects.requireNonNull(path, "path");
            items = List.copyOf(items);
        }
    }

    private static void requireName(String name, String what) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a " + what + " needs a name");
        }
    }

    /** Lower-cased, for case-insensitive lookups of option and scope names. */
    static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
