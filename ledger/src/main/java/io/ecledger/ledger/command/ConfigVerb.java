package io.ecledger.ledger.command;

import java.util.Locale;

/** What a {@code config} console command does with the manager's configuration. */
public enum ConfigVerb {
    GET, EVAL, SET, UNSET, SHOW, SHOWRECURSE, LOCATE, WRITEBACK, HISTORY;

    /** The word an operator types after {@code config}, e.g. {@code showrecurse}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
