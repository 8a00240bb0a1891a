package io.ecledger.console.complete;

import io.ecledger.console.client.Completions;
import io.ecledger.ledger.command.Grammar;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion: verb words from the grammar ({@code bro} → {@code broadcast}), then live cluster data — node names
 * after {@code unicast}/{@code retrieve_node}, subcluster names after {@code subcluster broadcast|retrieve}, and the
 * command texts broadcast since the last flush after {@code retrieve}, {@code retrieve_node NODE} and
 * {@code subcluster retrieve NAME}. A leading {@code --wait[=SECONDS]} is skipped.
 */
public final class ConsoleCompleter implements Completer {

    private final Grammar grammar;
    private final Supplier<Completions> live;

    /** {@code live} is asked on every completion; it answers {@link Completions#NONE} when it cannot. */
    public ConsoleCompleter(Grammar grammar, Supplier<Completions> live) {
        this.grammar = grammar;
        this.live = live;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        String before = line.line().substring(0, line.cursor());
        String partial = line.word().substring(0, line.wordCursor());
        candidates.addAll(candidates(before, partial));
    }

    /**
     * The completions of the line typed up to the cursor, {@code before}, whose last (possibly empty) word
     * {@code partial} is being completed. Each candidate replaces {@code partial}; command texts may hold spaces.
     */
    public List<Candidate> candidates(String before, String partial) {
        String prefix = withoutWaitOption(before);
        List<Candidate> result = new ArrayList<>();
        for (String word : grammar.completions(prefix)) {
            result.add(candidate(word));
        }
        if (!result.isEmpty()) {
            return result;
        }
        List<String> words = words(prefix.substring(0, prefix.length() - partial.length()));
        if (words.isEmpty()) {
            return result;
        }
        String verb = words.get(0).toLowerCase(Locale.ROOT);
        int arguments = words.size() - 1;
        if ((verb.equals("unicast") || verb.equals("retrieve_node")) && arguments == 0) {
            live.get().nodes().stream().filter(n -> n.startsWith(partial)).forEach(n -> result.add(candidate(n)));
        } else if (verb.equals("subcluster") && arguments == 1 && isSubclusterVerb(words.get(1))) {
            live.get().subclusters().stream().filter(s -> s.startsWith(partial)).forEach(s -> result.add(candidate(s)));
        } else if (commandTextStart(verb, words) >= 0) {
            // the command text may be several words: offer what remains of it from the word being completed
            String typed = String.join(" ", words.subList(commandTextStart(verb, words), words.size()));
            String sofar = typed.isEmpty() ? partial : typed + " " + partial;
            for (String command : live.get().commands()) {
                if (command.startsWith(sofar)) {
                    result.add(candidate(command.substring(sofar.length() - partial.length())));
                }
            }
        }
        return result;
    }

    private static boolean isSubclusterVerb(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        return lower.equals("broadcast") || lower.equals("retrieve");
    }

    /** Where the command text starts among {@code words} for the retrieve forms, or -1. */
    private static int commandTextStart(String verb, List<String> words) {
        if (verb.equals("retrieve")) {
            return 1;
        }
        if (verb.equals("retrieve_node") && words.size() >= 2) {
            return 2;
        }
        if (verb.equals("subcluster") && words.size() >= 3 && words.get(1).equalsIgnoreCase("retrieve")) {
            return 3;
        }
        return -1;
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

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String word : text.strip().split("\\s+")) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }
}
