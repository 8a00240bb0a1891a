package io.ecledger.ledger.config;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The type of a known option's value; {@link #problem} says what is wrong with a value, if anything. */
public enum OptionType {
    /** Any single string. */
    STRING("a string"),
    /** A whole number, e.g. {@code 16384}. */
    INTEGER("a whole number"),
    /** A number of seconds, e.g. {@code 60}. */
    SECONDS("a whole number of seconds"),
    /** {@code true}/{@code false} (also {@code yes}/{@code no}, {@code on}/{@code off}, {@code 1}/{@code 0}). */
    BOOLEAN("true or false"),
    /** A Unix file mode in octal, e.g. {@code 0666}. */
    FILE_MODE("an octal file mode such as 0640"),
    /** A hash {@code [ key = value ]}. */
    HASH("a hash such as [ uri = \"ecauth://\" ]");

    private static final Pattern INTEGER_TEXT = Pattern.compile("-?[0-9]{1,18}");
    private static final Pattern SECONDS_TEXT = Pattern.compile("[0-9]{1,18}");
    private static final Pattern MODE_TEXT = Pattern.compile("0?[0-7]{3}");
    private static final Set<String> BOOLEANS = Set.of("true", "false", "yes", "no", "on", "off", "1", "0");

    private final String description;

    OptionType(String description) {
        this.description = description;
    }

    /** How an operator would describe a valid value, e.g. {@code a whole number of seconds}. */
    public String description() {
        return description;
    }

    /** Why {@code value} is not of this type, or empty when it is. */
    public Optional<String> problem(ConfigValue value) {
        if (this == HASH) {
            return value instanceof ConfigValue.HashValue ? Optional.empty() : Optional.of("expected " + description);
        }
        if (this == STRING) {
            return value instanceof ConfigValue.HashValue ? Optional.of("expected " + description) : Optional.empty();
        }
        if (!(value instanceof ConfigValue.Scalar scalar)) {
            return Optional.of("expected " + description);
        }
        String text = scalar.value();
        boolean ok = switch (this) {
            case INTEGER -> INTEGER_TEXT.matcher(text).matches();
            case SECONDS -> SECONDS_TEXT.matcher(text).matches();
            case BOOLEAN -> BOOLEANS.contains(text.toLowerCase(Locale.ROOT));
            case FILE_MODE -> MODE_TEXT.matcher(text).matches();
            default -> true;
        };
        return ok ? Optional.empty() : Optional.of("expected " + description);
    }
}
