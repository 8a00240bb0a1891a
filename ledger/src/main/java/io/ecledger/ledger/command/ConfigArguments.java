package io.ecledger.ledger.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The words after {@code config VERB}: scope words, an option, a value, as ecelerity writes them, read from a line
 * and written back. {@code --at} is not theirs: it is a {@link Slot.At} before them.
 */
final class ConfigArguments {

    private ConfigArguments() {}

    /** How the words of {@code verb} are shown in {@code help}. */
    static String usage(ConfigVerb verb) {
        return switch (verb) {
            case GET, EVAL, UNSET, HISTORY -> "[SCOPE...] OPTION";
            case SET -> "[SCOPE...] OPTION [=] VALUE";
            case SHOW -> "[SCOPE...] [OPTION]";
            case SHOWRECURSE -> "[SCOPE...]";
            case LOCATE -> "SCOPE [REGEX]";
            case WRITEBACK -> "[PATH]";
        };
    }

    /** The rest of the line as the words of {@code verb}, into a command on the live configuration. */
    static Command.Config read(ConfigVerb verb, Words in) {
        return switch (verb) {
            case GET, EVAL, UNSET, HISTORY -> option(verb, in);
            case SET -> set(in);
            case SHOW, SHOWRECURSE -> new Command.Config(verb, texts(withoutEquals(in)), Optional.empty(), Optional.empty());
            case LOCATE -> locate(in);
            case WRITEBACK -> writeback(in);
        };
    }

    /** The words {@link #read} reads back as {@code config}'s scope words, option and value. */
    static List<String> write(Command.Config config) {
        List<String> words = new ArrayList<>();
        config.scopeWords().forEach(word -> words.add(Words.quote(word)));
        config.option().ifPresent(option -> words.add(Words.quote(option)));
        config.value().ifPresent(value -> words.add(Words.quote(value)));
        return words;
    }

    private static Command.Config option(ConfigVerb verb, Words in) {
        List<Word> words = withoutEquals(in);
        if (words.isEmpty()) {
            throw in.reject("missing option name", in.end());
        }
        int last = words.size() - 1;
        return new Command.Config(verb, texts(words.subList(0, last)), Optional.of(words.get(last).text()),
                Optional.empty());
    }

    private static List<Word> withoutEquals(Words in) {
        List<Word> words = in.quotedWords();
        for (Word word : words) {
            if (word.isBareEquals()) {
                throw in.reject("unexpected '='", word.start());
            }
        }
        return words;
    }

    private static Command.Config locate(Words in) {
        List<Word> words = in.quotedWords();
        if (words.isEmpty()) {
            throw in.reject("missing scope name", in.end());
        }
        if (words.size() > 2) {
            throw in.reject("unexpected '" + words.get(2).text() + "'", words.get(2).start());
        }
        Optional<String> regex = words.size() == 2 ? Optional.of(words.get(1).text()) : Optional.empty();
        return new Command.Config(ConfigVerb.LOCATE, List.of(words.get(0).text()), regex, Optional.empty());
    }

    private static Command.Config writeback(Words in) {
        List<Word> words = withoutEquals(in);
        if (words.size() > 1) {
            throw in.reject("unexpected '" + words.get(1).text() + "' (quote paths with spaces)", words.get(1).start());
        }
        Optional<String> path = words.isEmpty() ? Optional.empty() : Optional.of(words.get(0).text());
        return new Command.Config(ConfigVerb.WRITEBACK, List.of(), path, Optional.empty());
    }

    // "Option = value" and "Option value" are both ecelerity syntax; a quoted "=" is a value, not the separator.
    private static Command.Config set(Words in) {
        List<Word> words = in.quotedWords();
        int equals = -1;
        for (int i = 0; i < words.size() && equals < 0; i++) {
            if (words.get(i).isBareEquals()) {
                equals = i;
            }
        }
        List<Word> named;
        Word value;
        if (equals >= 0) {
            named = words.subList(0, equals);
            List<Word> after = words.subList(equals + 1, words.size());
            if (named.isEmpty()) {
                throw in.reject("missing option name", words.get(equals).start());
            }
            if (after.isEmpty()) {
                throw in.reject("missing value", in.end());
            }
            if (after.size() > 1) {
                throw in.reject("unexpected '" + after.get(1).text() + "' after the value (quote values with spaces)",
                        after.get(1).start());
            }
            value = after.get(0);
        } else {
            if (words.isEmpty()) {
                throw in.reject("missing option name", in.end());
            }
            if (words.size() == 1) {
                throw in.reject("missing value", in.end());
            }
            named = words.subList(0, words.size() - 1);
            value = words.get(words.size() - 1);
        }
        int option = named.size() - 1;
        return new Command.Config(ConfigVerb.SET, texts(named.subList(0, option)),
                Optional.of(named.get(option).text()), Optional.of(value.text()));
    }

    private static List<String> texts(List<Word> words) {
        return words.stream().map(Word::text).toList();
    }
}
