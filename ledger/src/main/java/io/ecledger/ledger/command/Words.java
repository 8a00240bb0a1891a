package io.ecledger.ledger.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The cursor over one console line that {@link Slot}s read their arguments from: whitespace-separated words, the
 * quoted words of {@code config} and {@code history}, and refusals named after the command being read.
 */
public final class Words {

    private final String line;
    private final int end;
    private int cursor;
    private String verb = "";

    Words(String line, int start, int end) {
        this.line = line;
        this.cursor = start;
        this.end = end;
    }

    /** Refusals from here on are named after {@code verb}, e.g. {@code history show}. */
    void nameRefusalsAfter(String verb) {
        this.verb = verb;
    }

    /** Where the line ends, trailing whitespace excluded: where a missing word is reported. */
    int end() {
        return end;
    }

    /** The next whitespace-separated word, or null at the end of the line. */
    Word nextWord() {
        skipSpace();
        if (cursor == end) {
            return null;
        }
        int start = cursor;
        while (cursor < end && !isSpace(line.charAt(cursor))) {
            cursor++;
        }
        return new Word(line.substring(start, cursor), start, false);
    }

    private void skipSpace() {
        while (cursor < end && isSpace(line.charAt(cursor))) {
            cursor++;
        }
    }

    CommandRejectedException reject(String what, int position) {
        return new CommandRejectedException(verb + ": " + what, position);
    }

    Target.Unicast node() {
        return new Target.Unicast(name("node"));
    }

    Target.Subcluster subcluster() {
        return new Target.Subcluster(name("subcluster"));
    }

    // Checked here rather than left to Target's constructor, so a bad name is a refusal, not an exception.
    private String name(String kind) {
        Word word = nextWord();
        if (word == null) {
            throw reject("missing " + kind + " name", end);
        }
        if (!Names.isValid(word.text())) {
            throw reject("'" + word.text() + "' is not a valid " + kind + " name", word.start());
        }
        return word.text();
    }

    /** The next word when it is a flag ({@code --…}), consumed; else nothing, and the cursor stays. */
    Optional<Word> peekFlag() {
        skipSpace();
        int mark = cursor;
        Word word = nextWord();
        if (word != null && word.text().startsWith("--")) {
            return Optional.of(word);
        }
        cursor = mark;
        return Optional.empty();
    }

    /** The rest of the line exactly as typed: it is a node's console command, not ours to re-space. */
    String commandText() {
        skipSpace();
        if (cursor == end) {
            throw reject("missing command", end);
        }
        String text = line.substring(cursor, end);
        cursor = end;
        return text;
    }

    /** The rest of the line exactly as typed, or empty when nothing is left. */
    Optional<String> rest() {
        skipSpace();
        String text = line.substring(cursor, end);
        cursor = end;
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    /**
     * An optional {@code --at OFFSET|ISO-8601-TIME} right after the verb words: read the view as of that point of
     * the ledger instead of now.
     */
    Optional<AsOf> at() {
        skipSpace();
        int mark = cursor;
        Word flag = nextWord();
        if (flag == null || !flag.text().equals("--at")) {
            cursor = mark;
            return Optional.empty();
        }
        Word point = nextWord();
        if (point == null) {
            throw reject("--at needs a ledger offset or an ISO-8601 time", end);
        }
        try {
            return Optional.of(AsOf.parse(point.text()));
        } catch (IllegalArgumentException e) {
            throw reject(e.getMessage(), point.start());
        }
    }

    /** Refuses whatever is left of the line. */
    void noMore() {
        Word extra = nextWord();
        if (extra != null) {
            throw reject("unexpected '" + extra.text() + "'", extra.start());
        }
    }

    /** The rest of the line as configuration words: double quotes group, and inside them \" and \\ escape. */
    List<Word> quotedWords() {
        List<Word> words = new ArrayList<>();
        while (true) {
            skipSpace();
            if (cursor == end) {
                return words;
            }
            int start = cursor;
            boolean quoted = false;
            StringBuilder text = new StringBuilder();
            while (cursor < end && !isSpace(line.charAt(cursor))) {
                char c = line.charAt(cursor);
                if (c != '"') {
                    text.append(c);
                    cursor++;
                    continue;
                }
                quoted = true;
                int open = cursor++;
                while (true) {
                    if (cursor >= end) {
                        throw reject("unterminated quote", open);
                    }
                    c = line.charAt(cursor);
                    if (c == '"') {
                        cursor++;
                        break;
                    }
                    char after = cursor + 1 < end ? line.charAt(cursor + 1) : 0;
                    // Only \" and \\ are escapes: a regex such as "\d+" keeps its backslash.
                    if (c == '\\' && (after == '"' || after == '\\')) {
                        text.append(after);
                        cursor += 2;
                    } else {
                        text.append(c);
                        cursor++;
                    }
                }
            }
            words.add(new Word(text.toString(), start, quoted));
        }
    }

    /**
     * {@code text} as one word {@link #quotedWords()} reads back as {@code text}: as it is when it can be, else in
     * double quotes with {@code "} and {@code \} escaped. A bare {@code =} is quoted so it stays a value.
     */
    static String quote(String text) {
        boolean plain = !text.isEmpty() && !text.equals("=") && text.indexOf('"') < 0
                && text.chars().noneMatch(c -> isSpace((char) c));
        if (plain) {
            return text;
        }
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** The whitespace-separated words of {@code text}, as typed. */
    static List<String> split(String text) {
        List<String> words = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            while (i < text.length() && isSpace(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < text.length() && !isSpace(text.charAt(i))) {
                i++;
            }
            if (i > start) {
                words.add(text.substring(start, i));
            }
        }
        return words;
    }

    static boolean isSpace(char c) {
        return Character.isWhitespace(c);
    }

    static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
