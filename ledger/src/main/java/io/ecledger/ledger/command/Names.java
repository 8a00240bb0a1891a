package io.ecledger.ledger.command;

import java.util.regex.Pattern;

/** The rule every node and subcluster name follows: a short host-name-like word. */
public final class Names {

    // Momentum node names are short host names (a FQDN that differs breaks duravip moves);
    // subclusters are Spread segment labels. Both must survive a console line and a Kafka key.
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

    private Names() {}

    /** True when {@code name} is a valid node or subcluster name. */
    public static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches();
    }

    /** Returns {@code name}, or throws naming what {@code kind} it was meant to be and the rule. */
    public static String require(String kind, String name) {
        if (!isValid(name)) {
            throw new IllegalArgumentException(kind + " name '" + name + "' is not valid: use letters, digits, '.', '_' or '-' "
                    + "(starting with a letter or digit, at most 63 characters)");
        }
        return name;
    }
}
