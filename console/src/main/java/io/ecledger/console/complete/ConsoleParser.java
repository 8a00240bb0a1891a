package io.ecledger.console.complete;

import java.util.List;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.jline.reader.SyntaxError;
import org.jline.reader.impl.DefaultParser;

/**
 * Splits a console line into words at whitespace only, for completion. Lines are sent exactly as typed — quotes and
 * backslashes belong to node commands and {@code config} values — so completed words are inserted as they are,
 * spaces included, never quoted or escaped.
 */
public final class ConsoleParser implements Parser {

    private final DefaultParser words = new DefaultParser();

    public ConsoleParser() {
        words.setEscapeChars(null);
        words.setQuoteChars(new char[0]);
    }

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) throws SyntaxError {
        return new AsTyped(words.parse(line, cursor, context));
    }

    /** A parsed line whose completions are inserted verbatim. */
    private record AsTyped(ParsedLine parsed) implements CompletingParsedLine {
        @Override
        public String word() {
            return parsed.word();
        }

        @Override
        public int wordCursor() {
            return parsed.wordCursor();
        }

        @Override
        public int wordIndex() {
            return parsed.wordIndex();
        }

        @Override
        public List<String> words() {
            return parsed.words();
        }

        @Override
        public String line() {
            return parsed.line();
        }

        @Override
        public int cursor() {
            return parsed.cursor();
        }

        @Override
        public CharSequence escape(CharSequence candidate, boolean complete) {
            return candidate;
        }

        @Override
        public int rawWordCursor() {
            return parsed.wordCursor();
        }

        @Override
        public int rawWordLength() {
            return parsed.word().length();
        }
    }
}
