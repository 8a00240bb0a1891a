package io.ecledger.ledger.command;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/** One row of the console grammar: the verb words, the typed argument slots in order, and a help line. */
public record CommandSpec(List<String> words, List<Slot<?>> slots, String help) {

    public CommandSpec {
        words = List.copyOf(words);
        slots = List.copyOf(slots);
        Objects.requireNonNull(help, "help");
        if (words.isEmpty()) {
            throw new IllegalArgumentException("a command spec needs at least one verb word");
        }
        for (String word : words) {
            // Matching lower-cases what was typed, so a spec word must already be lower-case and one word.
            if (word.isEmpty() || !word.equals(word.toLowerCase(Locale.ROOT)) || word.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("verb word '" + word + "' must be one non-empty lower-case word");
            }
        }
        if (help.isBlank()) {
            throw new IllegalArgumentException("command spec '" + String.join(" ", words) + "' needs a help line");
        }
    }

    /** The verb words joined by one space, e.g. {@code subcluster broadcast}; equals {@link Command#verb()}. */
    public String verb() {
        return String.join(" ", words);
    }

    /** The arguments as shown to the operator, e.g. {@code NAME COMMAND}; empty when there are none. */
    public String arguments() {
        return slots.stream().map(Slot::usage).collect(Collectors.joining(" "));
    }

    /** How to type it, e.g. {@code subcluster broadcast NAME COMMAND}. */
    public String usage() {
        return slots.isEmpty() ? verb() : verb() + " " + arguments();
    }
}
