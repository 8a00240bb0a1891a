package io.ecledger.ledger.config;

/**
 * What setting an option does to the program reading the file, as {@code config set} answers and {@code config show}
 * marks it: an operator who sets an option is told whether anything will obey it.
 */
public enum OptionEffect {
    /** Read on every use, from the folded configuration: a change is obeyed from the next use on. */
    LIVE("takes effect at once"),
    /** Read when the program starts: a change takes effect on restart. */
    ON_RESTART("takes effect on restart"),
    /**
     * Read from the base file alone when the program starts, before the ledger's changes can be folded in (the
     * manager's database location: the folded configuration lives in that database).
     */
    BASE_FILE_AT_START(
            "read from the file when the manager starts; a ledger change is kept and shown but not acted on"),
    /** Kept in the file, but nothing in this program acts on it. */
    NOT_ACTED_ON("not acted on");

    private final String phrase;

    OptionEffect(String phrase) {
        this.phrase = phrase;
    }

    /** The words the console shows, e.g. {@code not acted on}. */
    public String phrase() {
        return phrase;
    }
}
