package io.ecledger.api.history;

import com.google.re2j.Pattern;
import io.ecledger.ledger.command.HistoryFilter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * The H2 function {@code RE2_FIND(text, pattern)} that {@code history --regex} filters with: RE2/J, which matches in
 * time linear in the text, where H2's own {@code REGEXP_LIKE} runs java.util.regex, whose backtracking made
 * {@code a*a*a*a*a*a*b} over a command of fifty a's take n^7 steps.
 */
public final class HistoryRegex {

    /** The SQL name of the function. */
    public static final String FUNCTION = "RE2_FIND";

    private static final int CACHED = 32;
    // H2 calls the function once per row: a pattern is compiled once per query, not once per command
    private static final Map<String, Pattern> COMPILED = new LinkedHashMap<>(CACHED, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Pattern> eldest) {
            return size() > CACHED;
        }
    };

    private HistoryRegex() {}

    /** Registers {@link #FUNCTION} in the database behind {@code jdbi}; idempotent. */
    public static void install(Jdbi jdbi) {
        jdbi.useHandle(handle -> handle.execute("CREATE ALIAS IF NOT EXISTS " + FUNCTION + " FOR '"
                + HistoryRegex.class.getName() + ".find'"));
    }

    /**
     * True when {@code pattern} matches somewhere in {@code text}, as {@code REGEXP_LIKE} did; null when either is
     * null. Called by H2; the pattern was accepted by {@link HistoryFilter}, which checks RE2's syntax and length.
     */
    public static Boolean find(String text, String pattern) {
        if (text == null || pattern == null) {
            return null;
        }
        return compiled(pattern).matcher(text).find();
    }

    /** {@code pattern} compiled by RE2/J, refused when longer than {@link HistoryFilter#MAX_REGEX_LENGTH}. */
    static Pattern compiled(String pattern) {
        if (pattern.length() > HistoryFilter.MAX_REGEX_LENGTH) {
            // only a caller that skipped HistoryFilter gets here
            throw new IllegalArgumentException("a pattern of " + pattern.length() + " characters is longer than "
                    + HistoryFilter.MAX_REGEX_LENGTH);
        }
        synchronized (COMPILED) {
            return COMPILED.computeIfAbsent(pattern, Pattern::compile);
        }
    }
}
