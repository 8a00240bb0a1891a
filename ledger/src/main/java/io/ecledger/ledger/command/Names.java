package io.ecledger.ledger.command;

import java.util.Optional;

/**
 * The one name rule, held at every way in (the grammar, REST, an agent's announcement, the projection): node and
 * subcluster names are short host-name-like words; every other name a record carries (actor, host, agent version,
 * option name) is at most {@value #MAX_LENGTH} characters of letters, digits and {@code . _ - @ : + [ ]}.
 */
public final class Names {

    /** The longest actor, host, version or option name; the projection's columns are this wide. */
    public static final int MAX_LENGTH = 255;
    /** The longest node or subcluster name. */
    public static final int MAX_NODE_LENGTH = 63;

    /** The rule for actor, host, version and option names, as said to whoever broke it. */
    public static final String WORD_RULE = "at most " + MAX_LENGTH
            + " characters of letters, digits, '.', '_', '-', '@', ':', '+', '[' or ']'";
    /** The rule for node and subcluster names, as said to whoever broke it. */
    public static final String NODE_RULE = "use letters, digits, '.', '_' or '-' (starting with a letter or digit, at most "
            + MAX_NODE_LENGTH + " characters)";

    // Momentum node names are short host names (a FQDN that differs breaks duravip moves);
    // subclusters are Spread segment labels. Both must survive a console line and a Kafka key.
    // Principals are user names, user@address (an IPv6 address with or without brackets), uid:1000; hosts are
    // names or addresses; versions are 1.2.3-SNAPSHOT+build: none needs a space, a quote, a newline or a slash.
    // Both rules are loops over the characters, not regular expressions: decoding a ledger event checks several
    // names, and a replay decodes every event.
    private static final int SHOWN = 64;

    private Names() {}

    /** A name that breaks the rule: what it was meant to be and what it was, for whoever must say so. */
    public static final class InvalidNameException extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        private final String kind;
        private final String value;

        InvalidNameException(String kind, String value, String rule) {
            super(kind + " name '" + shown(value) + "' is not valid: " + rule);
            this.kind = kind;
            this.value = value;
        }

        /** The name rule {@code e} or one of its causes reports as broken, if any: a record that did not decode. */
        public static Optional<InvalidNameException> causeOf(Throwable e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof InvalidNameException invalid) {
                    return Optional.of(invalid);
                }
            }
            return Optional.empty();
        }

        /** What the name was meant to be: node, subcluster, actor, host, version, option. */
        public String kind() {
            return kind;
        }

        /** The name as it came, which may be long or hold anything. */
        public String value() {
            return value;
        }
    }

    /** True when {@code name} is a valid node or subcluster name. */
    public static boolean isValid(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_NODE_LENGTH || !isAsciiLetterOrDigit(name.charAt(0))) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!isAsciiLetterOrDigit(c) && c != '.' && c != '_' && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** Returns {@code name}, or throws naming what {@code kind} it was meant to be and the rule. */
    public static String require(String kind, String name) {
        if (!isValid(name)) {
            throw new InvalidNameException(kind, name, NODE_RULE);
        }
        return name;
    }

    /** True when {@code name} is a valid actor, host, version or option name. */
    public static boolean isWord(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!isAsciiLetterOrDigit(c) && ".-_@:+[]".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /** Returns {@code name}, or throws naming what {@code kind} (actor, host, …) it was meant to be and the rule. */
    public static String requireWord(String kind, String name) {
        if (!isWord(name)) {
            throw new InvalidNameException(kind, name, WORD_RULE);
        }
        return name;
    }

    /** Why {@code name} breaks the rule for an actor, host, version or option name, or empty when it keeps it. */
    public static Optional<String> refusal(String kind, String name) {
        if (isWord(name)) {
            return Optional.empty();
        }
        return Optional.of(kind + " name '" + shown(name) + "' is not valid: " + WORD_RULE);
    }

    /**
     * {@code name} safe to print on one line and store in a column of names: at most {@value #SHOWN} printable ASCII
     * characters, any other (a newline, a control character, non-ASCII) as '?', a longer one cut with its length.
     */
    public static String shown(String name) {
        if (name == null) {
            return "(none)";
        }
        StringBuilder out = new StringBuilder();
        name.codePoints().limit(SHOWN).forEach(c -> out.append(c >= 0x20 && c < 0x7f ? (char) c : '?'));
        if (name.length() > SHOWN) {
            out.append("... (").append(name.length()).append(" characters)");
        }
        return out.toString();
    }
}
