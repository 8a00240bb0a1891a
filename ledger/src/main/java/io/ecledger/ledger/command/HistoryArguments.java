package io.ecledger.ledger.command;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * The words after {@code history}: {@code [FILTERS]} or {@code show OFFSET}, read from a line, written back, and
 * completed. One family, since {@code history} alone is a complete command and so {@code show} is its argument.
 */
final class HistoryArguments {

    // the units of a relative time bound, largest first, as HistoryFilter.TimeBound.parse reads them
    private static final List<Duration> UNITS = List.of(Duration.ofDays(7), Duration.ofDays(1), Duration.ofHours(1),
            Duration.ofMinutes(1), Duration.ofSeconds(1));
    private static final String UNIT_LETTERS = "wdhms";

    private HistoryArguments() {}

    /** A {@link Command.History} or a {@link Command.HistoryShow}. */
    static Command read(Words in) {
        List<Word> words = in.quotedWords();
        if (!words.isEmpty() && !words.get(0).quoted() && Words.lower(words.get(0).text()).equals("show")) {
            in.nameRefusalsAfter("history show");
            if (words.size() < 2) {
                throw in.reject("missing ledger offset", in.end());
            }
            if (words.size() > 2) {
                throw in.reject("unexpected '" + words.get(2).text() + "'", words.get(2).start());
            }
            Word offset = words.get(1);
            if (!offset.text().matches("\\d{1,18}")) {
                throw in.reject("'" + offset.text() + "' is not a ledger offset", offset.start());
            }
            return new Command.HistoryShow(Long.parseLong(offset.text()));
        }
        HistoryFilter.Builder filter = new HistoryFilter.Builder();
        for (int i = 0; i < words.size(); i++) {
            Word flag = words.get(i);
            Word value = null;
            if (HistoryFilter.Builder.takesValue(flag.text())) {
                if (i + 1 == words.size()) {
                    throw in.reject(flag.text() + " needs a value", in.end());
                }
                value = words.get(++i);
            }
            try {
                filter.set(flag.text(), value == null ? null : value.text());
            } catch (IllegalArgumentException e) {
                throw in.reject(e.getMessage(), value == null || e.getMessage().startsWith("only one") ? flag.start()
                        : value.start());
            }
        }
        try {
            return new Command.History(filter.build());
        } catch (IllegalArgumentException e) {
            throw in.reject(e.getMessage(), in.end());
        }
    }

    /** The words {@link #read} reads back as {@code command}; only defaults are left out. */
    static List<String> write(Command command) {
        if (command instanceof Command.HistoryShow) {
            return List.of("show", String.valueOf(((Command.HistoryShow) command).offset()));
        }
        if (!(command instanceof Command.History)) {
            throw new AssertionError("not a history command: " + command);
        }
        HistoryFilter filter = ((Command.History) command).filter();
        List<String> words = new ArrayList<>();
        filter.actor().ifPresent(actor -> flag(words, "--actor", actor));
        filter.since().ifPresent(since -> flag(words, "--since", time(since)));
        filter.until().ifPresent(until -> flag(words, "--until", time(until)));
        filter.target().ifPresent(target -> {
            if (target instanceof Target.Broadcast) {
                words.add("--broadcast");
            } else if (target instanceof Target.Subcluster) {
                flag(words, "--subcluster", ((Target.Subcluster) target).name());
            } else if (target instanceof Target.Unicast) {
                flag(words, "--node", ((Target.Unicast) target).node());
            } else {
                throw new AssertionError("unhandled target " + target);
            }
        });
        filter.text().ifPresent(text -> flag(words, "--text", text));
        filter.regex().ifPresent(regex -> flag(words, "--regex", regex));
        filter.origin().ifPresent(origin -> flag(words, "--origin", Words.lower(origin.name())));
        filter.status().ifPresent(status -> flag(words, "--status", Words.lower(status.name())));
        if (filter.limit() != HistoryFilter.DEFAULT_LIMIT) {
            flag(words, "--limit", String.valueOf(filter.limit()));
        }
        if (filter.page() != 1) {
            flag(words, "--page", String.valueOf(filter.page()));
        }
        if (filter.oldestFirst()) {
            words.add("--oldest-first");
        }
        return words;
    }

    private static void flag(List<String> words, String flag, String value) {
        words.add(flag);
        words.add(Words.quote(value));
    }

    // A relative bound in the largest unit that divides it, so the amount never grows past what was typed.
    private static String time(HistoryFilter.TimeBound bound) {
        if (bound.absolute().isPresent()) {
            return bound.absolute().get().toString();
        }
        Duration ago = bound.ago().get();
        for (int i = 0; i < UNITS.size(); i++) {
            Duration unit = UNITS.get(i);
            if (ago.getNano() == 0 && ago.getSeconds() % unit.getSeconds() == 0) {
                return ago.getSeconds() / unit.getSeconds() + String.valueOf(UNIT_LETTERS.charAt(i));
            }
        }
        throw new AssertionError("a relative time bound is whole seconds: " + ago);
    }

    /**
     * Candidates for {@code partial} after the complete {@code words}: the values of the flag just typed (node and
     * subcluster names, statuses, origins), the flags when a flag is begun, {@code show} as the first word.
     */
    static List<String> complete(List<String> words, String partial, Supplier<CompletionData> live) {
        String previous = words.isEmpty() ? "" : words.get(words.size() - 1);
        List<String> offered;
        if (previous.equals("--node")) {
            offered = live.get().nodes();
        } else if (previous.equals("--subcluster")) {
            offered = live.get().subclusters();
        } else if (previous.equals("--status")) {
            offered = Arrays.stream(HistoryFilter.Status.values()).map(s -> Words.lower(s.name())).toList();
        } else if (previous.equals("--origin")) {
            offered = Arrays.stream(Origin.values()).filter(o -> o != Origin.UNKNOWN).map(o -> Words.lower(o.name()))
                    .toList();
        } else if (HistoryFilter.Builder.takesValue(previous)) {
            offered = List.of();
        } else if (partial.startsWith("-")) {
            offered = new ArrayList<>(HistoryFilter.VALUE_FLAGS);
            offered.addAll(HistoryFilter.SWITCHES);
        } else if (words.isEmpty()) {
            offered = List.of("show");
        } else {
            offered = List.of();
        }
        return offered.stream().filter(word -> word.startsWith(partial)).toList();
    }
}
