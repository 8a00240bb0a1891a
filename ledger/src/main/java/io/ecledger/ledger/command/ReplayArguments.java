package io.ecledger.ledger.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** The words after {@code replay}: {@code FROM[..TO] [to TARGET] [--dry-run]}, read, written back and completed. */
final class ReplayArguments {

    private ReplayArguments() {}

    static Command.Replay read(Words in) {
        Word range = in.nextWord();
        if (range == null) {
            throw in.reject("missing ledger offset or range FROM..TO", in.end());
        }
        int dots = range.text().indexOf("..");
        long from = offset(in, range.text().substring(0, dots < 0 ? range.text().length() : dots), range);
        long to = dots < 0 ? from : offset(in, range.text().substring(dots + 2), range);
        if (to < from) {
            throw in.reject("range " + range.text() + " ends before it starts", range.start());
        }
        Optional<Target> retarget = Optional.empty();
        boolean dryRun = false;
        for (Word word = in.nextWord(); word != null; word = in.nextWord()) {
            if (word.text().equals("--dry-run") && !dryRun) {
                dryRun = true;
            } else if (Words.lower(word.text()).equals("to") && retarget.isEmpty()) {
                retarget = Optional.of(target(in));
            } else {
                throw in.reject("unexpected '" + word.text() + "'; expected 'to TARGET' or --dry-run", word.start());
            }
        }
        return new Command.Replay(from, to, retarget, dryRun);
    }

    private static long offset(Words in, String digits, Word range) {
        if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw in.reject("'" + range.text() + "' is not a ledger offset or range FROM..TO", range.start());
        }
        return Long.parseLong(digits);
    }

    private static Target target(Words in) {
        Word kind = in.nextWord();
        String word = kind == null ? "" : Words.lower(kind.text());
        if (word.equals("broadcast")) {
            return new Target.Broadcast();
        } else if (word.equals("subcluster")) {
            return in.subcluster();
        } else if (word.equals("node")) {
            return in.node();
        }
        throw in.reject("expected 'broadcast', 'subcluster NAME' or 'node NODE' after 'to'",
                kind == null ? in.end() : kind.start());
    }

    /** The words {@link #read} reads back as {@code replay}; a retarget is named as {@link Target#describe()} says. */
    static List<String> write(Command.Replay replay) {
        List<String> words = new ArrayList<>();
        words.add(replay.from() == replay.to() ? String.valueOf(replay.from()) : replay.from() + ".." + replay.to());
        replay.retarget().ifPresent(target -> {
            words.add("to");
            words.add(target.describe());
        });
        if (replay.dryRun()) {
            words.add("--dry-run");
        }
        return words;
    }

    /**
     * Candidates for {@code partial} after the complete {@code words}: after {@code to} the target kinds, then a
     * subcluster or node name; after the range {@code to}, and {@code --dry-run} once a flag is begun.
     */
    static List<String> complete(List<String> words, String partial, Supplier<CompletionData> live) {
        if (words.isEmpty()) {
            return List.of();
        }
        String previous = Words.lower(words.get(words.size() - 1));
        String beforeThat = words.size() < 2 ? "" : Words.lower(words.get(words.size() - 2));
        List<String> offered = new ArrayList<>();
        if (previous.equals("to") && words.size() > 1) {
            offered.addAll(List.of("broadcast", "subcluster", "node"));
        } else if (beforeThat.equals("to") && previous.equals("subcluster")) {
            offered.addAll(live.get().subclusters());
        } else if (beforeThat.equals("to") && previous.equals("node")) {
            offered.addAll(live.get().nodes());
        } else {
            List<String> lower = words.stream().map(Words::lower).toList();
            if (!lower.contains("to")) {
                offered.add("to");
            }
            if (partial.startsWith("-") && !lower.contains("--dry-run")) {
                offered.add("--dry-run");
            }
        }
        return offered.stream().filter(word -> word.startsWith(partial)).toList();
    }
}
