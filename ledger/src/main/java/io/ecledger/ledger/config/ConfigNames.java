package io.ecledger.ledger.config;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules for what a {@code config set} or {@code unset} may carry into a file: option and scope names of a fixed
 * character set, and instances and values that stay one entry on one line. Messages quote the input back with
 * control characters escaped, so an answer never carries a line of anything but the operator's own input.
 */
public final class ConfigNames {

    /** The longest option or scope name, as the projection's columns take it. */
    public static final int MAX_NAME = 255;
    /** The longest value or scope instance a change may carry. */
    public static final int MAX_VALUE = 4096;
    /** What an option or scope name is: a letter or underscore, then letters, digits and {@code _ . : -}. */
    public static final String NAME_RULE = "a letter or '_' then letters, digits, '_', '.', ':' or '-', at most "
            + MAX_NAME + " characters";

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.:-]{0," + (MAX_NAME - 1) + "}");
    // include as a word of its own; /etc/include or include_path are other words
    private static final Pattern INCLUDE = Pattern.compile("(?i)(?<![A-Za-z0-9_./-])(readonly_)?include(?![A-Za-z0-9_./-])");

    private ConfigNames() {}

    /** Why {@code name} cannot be an option or scope name, or empty when it can. */
    public static Optional<String> nameProblem(String name) {
        if (name.isEmpty()) {
            return Optional.of("a name cannot be empty");
        }
        if (!NAME.matcher(name).matches()) {
            return Optional.of("a name is " + NAME_RULE);
        }
        if (name.equalsIgnoreCase("include") || name.equalsIgnoreCase("readonly_include")) {
            return Optional.of("include is a keyword of the file, not an option or scope name");
        }
        return Optional.empty();
    }

    /** Why {@code text} cannot be a value or scope instance, or empty when it can. */
    public static Optional<String> valueProblem(String text) {
        if (text.length() > MAX_VALUE) {
            return Optional.of("a value is at most " + MAX_VALUE + " characters");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                return Optional.of("a value cannot contain a newline");
            }
            if (Character.isISOControl(c)) {
                return Optional.of("a value cannot contain control characters");
            }
        }
        if (INCLUDE.matcher(text).find()) {
            return Optional.of("a value cannot contain an include");
        }
        return Optional.empty();
    }

    /** {@code text} in single quotes with control characters escaped ({@code \n}, {@code \u0000}), at most 80 characters. */
    public static String shown(String text) {
        StringBuilder out = new StringBuilder("'");
        int limit = Math.min(text.length(), 80);
        for (int i = 0; i < limit; i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (text.length() > limit) {
            out.append("…");
        }
        return out.append('\'').toString();
    }
}
