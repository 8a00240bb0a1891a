package io.ecledger.console.complete;

import io.ecledger.ledger.command.CompletionData;
import io.ecledger.ledger.command.Grammar;
import java.util.List;
import java.util.function.Supplier;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion for JLine, answered by the grammar ({@link Grammar#complete}): verb words ({@code bro} →
 * {@code broadcast}), then what each argument slot offers from live cluster data — node names, subcluster names, the
 * command texts broadcast since the last flush after the retrieve forms. A leading {@code --wait[=SECONDS]} is
 * skipped.
 */
public final class ConsoleCompleter implements Completer {

    private final Grammar grammar;
    private final Supplier<CompletionData> live;

    /** {@code live} is asked only when a slot needs live data; it answers {@link CompletionData#NONE} when it cannot. */
    public ConsoleCompleter(Grammar grammar, Supplier<CompletionData> live) {
        this.grammar = grammar;
        this.live = live;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        // ConsoleParser splits at whitespace only, so the word JLine replaces is the grammar's last, partly typed word
        candidates.addAll(candidates(line.line().substring(0, line.cursor())));
    }

    /**
     * The completions of the line typed up to the cursor, {@code before}; each candidate replaces its last (possibly
     * empty) word, and command texts may hold spaces.
     */
    public List<Candidate> candidates(String before) {
        return grammar.complete(withoutWaitOption(before), live).stream()
                .map(ConsoleCompleter::candidate)
                .toList();
    }

    private static Candidate candidate(String value) {
        return new Candidate(value, value, null, null, null, null, true);
    }

    static String withoutWaitOption(String line) {
        String trimmed = line.stripLeading();
        if (trimmed.startsWith("--wait") && trimmed.length() > "--wait".length()) {
            int space = indexOfSpace(trimmed);
            if (space > 0) {
                return trimmed.substring(space + 1).stripLeading();
            }
        }
        return line;
    }

    private static int indexOfSpace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
