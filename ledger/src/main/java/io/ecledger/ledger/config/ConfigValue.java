package io.ecledger.ledger.config;

import java.util.List;
import java.util.Objects;

/** The value of an option: a single string, a list {@code ( a b )}, or a hash {@code [ key = value ]}. */
public sealed interface ConfigValue permits ConfigValue.Scalar, ConfigValue.ListValue, ConfigValue.HashValue {

    /** The value as the console shows it and as {@code config set} takes it: ecelerity syntax. */
    default String text() {
        return ConfigWriter.value(this);
    }

    /** One string; {@code 0666}, {@code "/var/log/x"} and {@code true} are all scalars. */
    record Scalar(String value) implements ConfigValue {
        public Scalar {
            Objects.requireNonNull(value, "value");
        }
    }

    /** A list of strings: {@code ( "a" "b" )}. */
    record ListValue(List<String> items) implements ConfigValue {
        public ListValue {
            items = List.copyOf(items);
        }
    }

    /** A hash of key-value pairs in file order: {@code [ uri = "ecauth://" ]}. */
    record HashValue(List<Entry> entries) implements ConfigValue {
        public HashValue {
            entries = List.copyOf(entries);
        }
    }

    /** One pair of a {@link HashValue}. */
    record Entry(String key, String value) {
        public Entry {
            if (key == null || key.isEmpty()) {
                throw new IllegalArgumentException("a hash entry needs a key");
            }
            Objects.requireNonNull(value, "value");
        }
    }
}
