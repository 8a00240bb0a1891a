package io.ecledger.ledger.policy;

import com.google.re2j.Pattern;

/**
 * A policy pattern: {@code *} any run of characters, {@code ?} one character, everything else literal. Compiled to
 * RE2/J with the literal pieces quoted, so matching is linear in the text whatever the pattern (never
 * java.util.regex, which backtracks on {@code *a*a*a*b}).
 */
record Glob(String text, Pattern pattern) {

    static final int MAX_LENGTH = 1000;

    static Glob of(String glob, String where) {
        if (glob == null || glob.isEmpty()) {
            throw new PolicyException(where + ": a pattern must not be empty");
        }
        if (glob.length() > MAX_LENGTH) {
            throw new PolicyException(where + ": pattern is " + glob.length() + " characters, at most " + MAX_LENGTH);
        }
        if (glob.chars().anyMatch(Character::isISOControl)) {
            throw new PolicyException(where + ": a pattern must not contain a control character (newline, tab...)");
        }
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return new Glob(glob, Pattern.compile(regex.toString(), Pattern.DOTALL));
    }

    boolean matches(String text) {
        return pattern.matches(text);
    }
}
