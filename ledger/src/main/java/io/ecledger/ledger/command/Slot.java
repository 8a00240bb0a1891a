package io.ecledger.ledger.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One typed argument of a {@link CommandSpec}, read as a value of type {@code T}. A slot knows how it is shown in
 * {@code help}, how it is read from a line, how its value is written back into one, and what completes it.
 */
public sealed interface Slot<T> permits Slot.At, Slot.NodeName, Slot.SubclusterName, Slot.NodeCommand,
        Slot.SentCommand, Slot.HelpTopic, Slot.Flag, Slot.ConfigWords, Slot.HistoryFilters, Slot.ReplayRange,
        Slot.NodeOrAll, Slot.CancelWhat, Slot.Options, Slot.RerunArguments {

    /** How the slot is shown in the usage of {@code help}, e.g. {@code NODE} or {@code [--at POINT]}. */
    String usage();

    /** Reads the slot's value at the cursor, or throws {@link CommandRejectedException} with the reason. */
    T read(Words in);

    /** The words that {@link #read} reads back as {@code value}; none for an optional piece left out. */
    List<String> write(T value);

    /**
     * What the slot offers for the word being typed, {@code partial}, given the complete {@code words} typed after
     * the earlier slots.
     */
    Offer complete(List<String> words, String partial, Completing context);

    /** The live data and the grammar a completion runs against; the live data is asked for only when a slot needs it. */
    record Completing(Supplier<CompletionData> source, Grammar grammar) {
        public Completing {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(grammar, "grammar");
        }

        /** The live names and commands. */
        public CompletionData live() {
            return source.get();
        }
    }

    /**
     * A slot's part in completion: its {@code candidates} for the word being typed and, when that word may belong to
     * a later slot ({@code later}), how many of the complete words it {@code took}.
     */
    record Offer(List<String> candidates, boolean later, int took) {
        public Offer {
            candidates = List.copyOf(candidates);
            if (took < 0) {
                throw new IllegalArgumentException("took must be >= 0, got " + took);
            }
        }

        /** The word being typed is this slot's. */
        static Offer only(List<String> candidates) {
            return new Offer(candidates, false, 0);
        }

        /** The slot took {@code words} complete words; the word being typed belongs to a later slot. */
        static Offer took(int words) {
            return new Offer(List.of(), true, words);
        }

        /** An optional slot left out: it offers {@code candidates} and the later slots may offer more. */
        static Offer optional(List<String> candidates) {
            return new Offer(candidates, true, 0);
        }
    }

    /** {@code [--at POINT]}: a ledger offset or ISO-8601 time a read view is taken as of. */
    record At() implements Slot<Optional<AsOf>> {
        @Override
        public String usage() {
            return "[--at POINT]";
        }

        @Override
        public Optional<AsOf> read(Words in) {
            return in.at();
        }

        @Override
        public List<String> write(Optional<AsOf> value) {
            return value.map(at -> List.of("--at", at.text())).orElse(List.of());
        }

        @Override
        public Offer complete(List<String> words, String partial, Completing context) {
            if (words.isEmpty()) {
                return Offer.optional(flag("--at", partial));
            }
            if (!words.get(0).equals("--at")) {
                return Offer.took(0);
            }
            return words.size() == 1 ? Offer.only(List.of()) : Offer.took(2);
        }
    }

    /** {@code NODE}: one node's name, completed from the live members. */
    record NodeName() implements Slot<Target.Unicast> {
        @Override
        public String usage() {
            return "NODE";
        }

        @Override
        public Target.Unicast read(Words in) {
            return in.node();
        }

        @Override
        public List<String> write(Target.Unicast value) {
            return List.of(value.node());
        }

        @Override
        public Offer complete(List<String> words, String partial, Completing context) {
            return words.isEmpty() ? Offer.only(startingWith(context.live().nodes(), partial)) : Offer.took(1);
        }
    }

    /** {@code NODE|--all}: one node's name, or every node at once (empty); the node completed from the live members. */
    record NodeOrAll() implements Slot<Optional<String>> {
        /** The word that stands for every node. */
        public static final String ALL = "--all";

        @Override
        public String usage() {
            return "NODE|" + ALL;
        }

        @Override
        public Optional<String> read(Words in) {
            Word word = in.nextWord();
            if (word == null) {
                throw in.reject("missing node name or " + ALL, in.end());
            }
            if (word.text().equals(ALL)) {
                return Optional.empty();
            }
            if (!Names.isValid(word.text())) {
                throw in.reject("'" + word.text() + "' is not a valid node name", word.start());
            }
            return Optional.of(word.text());
        }

        @Override
        public List<String> write(Optional<String> value) {
            return List.of(value.orElse(ALL));
        }

        @Override
        public Offer complete(List<String> words, String partial, Completing context) {
            if (!words.isEmpty()) {
                return Offer.took(1);
            }
            List<String> candidates = new ArrayList<>(startingWith(context.live().nodes(), partial));
            if (ALL.startsWith(partial)) {
                candidates.add(ALL);
            }
            return Offer.only(candidates);
        }
    }

    /** {@code NAME}: one subcluster's name, completed from the live members. */
    record SubclusterName() implements Slot<Target.Subcluster> {
        @Override
        public String usage() {
            return "NAME";
        }

        @Override
        public Target.Subcluster read(Words in) {
            return in.subcluster();
        }

        @Override
        public List<String> write(Target.Subcluster value) {
            return List.of(value.name());
        }

        @Override
        public Offer complete(List<String> words, String partial, Completing context) {
            return words.isEmpty() ? Offer.only(startingWith(context.live().subclusters(), partial)) : Offer.took(1);
        }
    }

    /** {@code COMMAND}: a new node console command, the rest of the line as typed; nothing completes it. */
    record NodeCommand() implements Slot<String> {
        @Override
        public String usage() {
            return "COMMAND";
        }

        @Override
        public String read(Words in) {
            return in.commandText();
        }

        @Override
        public List<String> write(String value) {
            return List.of(value);
        }

        @Override
        public Offer complete(List<String> words, String partial, Completing context) {
            return Offer.only(List.of());
        }
    }

    /**
     * {@code COMMAND}: a node console command sent earlier, the rest of the line as typed; completed from the
     * commands sent since the last flush, from the word being typed on (a candidate may hold spaces).
     */
    record SentCommand() implements Slot<String> {
        @Override
        public String usage() {
            return "COMMAND";
        }

        @Override
        public String read(Words in) {
            return in.commandText();
        }

        @Override
        public List<String> write(String value) {
            return List.of(value);
        }

        @Override
        public Offer complete(List<String> words, String partial, Completing context) {
            String typed = String.join(" ", words);
            String sofar = typed.isEmpty() ? partial : typed + " " + partial;
            List<String> candidates = new ArrayList<>();
            for (String command : context.live().commands()) {
                if (command.startsWith(sofar)) {
                    candidates.add(command.substring(sofar.length() - partial.length()));
                }
            }
            return Offer.only(candidates);
        }
    }

    /** {@code [COMMAND...]}: the verb words {@code help} is asked about, completed as verb words. */
    record HelpTopic() implements Slot<Optional<String>> {
        @Override
        public String usage() {
            return "[COMMAND...]";
        }

        @Override
        public Optional<String> read(Words in) {
            return in.rest();
        }

        @Override
        public List<String> write(Optional<String> value) {
            return value.map(List::of).orElse(List.of());
        }

        @Override
        public Offer complete(List<String> words, String partial, Completing context) {
            String typed = String.join(" ", words);
            return Offer.only(context.grammar().completions(typed.isEmpty() ? partial : typed + " " + partial));
        }
    }

    /** {@code [--name]}: a switch that is on when typed; {@code name} is the only word allowed here. */
    record Flag(String name) implements Slot<Boolean> {
        public Flag {
            if (!name.startsWith("--")) {
                throw new IllegalArgumentException("a flag starts with --, got '" + name + "'");
            }
        }

        @Override
        public String usage() {
            return "[" + name + "]";
        }

        @Override
        public Boolean read(Words in) {
            Word flag = in.nextWord();
            if (flag == null) {
                return false;
            }
            if (!flag.text().equals(name)) {
                throw in.reject("unexpected '" + flag.text() + "'; the only option is " + name, flag.start());
            }
            return true;
        }

        @Override
        public List<String> write(Boolean value) {
            return value ? List.of(name) : List.of();
        }

        @Override
        public Offer complete(List<String> words, String partial, Completing context) {
            return words.isEmpty() ? Offer.optional(flag(name, partial)) : Offer.took(1);
        }
    }

    /** The scope words, option and value of {@code config VERB}, quoted where they need it. */
    record ConfigWords(ConfigVerb verb) implements Slot<Command.Config> {
        public ConfigWords {
            Objects.requireNonNull(verb, "verb");
        }

        @Override
        public String usage() {
            return ConfigArguments.usage(verb);
        }

        @Override
        public Command.Config read(Words in) {
            return ConfigArguments.read(verb, in);
        }

        @Override
        public List<String> write(Command.Config value) {
            return ConfigArguments.write(value);
        }

        @Override
        public Offer complete(List<String> words, String partial, Completing context) {
            return Offer.only(List.of());
        }
    }

    /** {@code [FILTERS] | show OFFSET}: the filters of {@code history}, or the offset of one record. */
    record HistoryFilters() implements Slot<Command> {
        @Override
        public String usage() {
            return "[FILTERS] | show OFFSET";
        }

        @Override
        public Command read(Words in) {
            return HistoryArguments.read(in);
        }

        @Override
        public List<String> write(Command value) {
            return HistoryArguments.write(value);
        }

        @Override
        public Offer complete(List<String> words, String partial, Completing context) {
            return Offer.only(HistoryArguments.complete(words, partial, context::live));
        }
    }

    /** {@code FROM[..TO] [to TARGET] [--dry-run]}: the ledger offsets a replay re-sends, where to, and whether for real. */
    record ReplayRange() implements Slot<Command.Replay> {
        @Override
        public String usage() {
            return "FROM[..TO] [to TARGET] [--dry-run]";
        }

        @Override
        public Command.Replay read(Words in) {
            return ReplayArguments.read(in);
        }

        @Override
        public List<String> write(Command.Replay value) {
            return ReplayArguments.write(value);
        }

        @Override
        public Offer complete(List<String> words, String partial, Completing context) {
            return Offer.only(ReplayArguments.complete(words, partial, context::live));
        }
    }

    /** {@code [--batch N|N%] [--batch-wait 30s] [--max-errors N|N%] [--dry-run]}, shown as {@code [ROLLOUT]}: how a broadcast goes out. */
    record Options() implements Slot<SendOptions> {
        private static final List<String> FLAGS = List.of("--batch", "--batch-wait", "--max-errors", "--dry-run");

        @Override
        public String usage() {
            return "[ROLLOUT]";
        }

        @Override
        public SendOptions read(Words in) {
            return SendOptions.read(in);
        }

        @Override
        public List<String> write(SendOptions value) {
            return value.words();
        }

        @Override
        public Offer complete(List<String> words, String partial, Completing context) {
            int took = 0;
            while (took < words.size() && words.get(took).startsWith("--")) {
                took += words.get(took).equals("--dry-run") ? 1 : 2;
            }
            if (took > words.size()) {
                // the value of the last flag is being typed
                return Offer.only(List.of());
            }
            List<String> candidates = new ArrayList<>();
            if (took == words.size()) {
                FLAGS.forEach(name -> candidates.addAll(flag(name, partial)));
            }
            return new Offer(candidates, true, took);
        }
    }

    /** {@code COMMAND_ID --failed|--silent|--not-ok [--dry-run]}: which command a rerun re-sends, and to which nodes. */
    record RerunArguments() implements Slot<Command.Rerun> {
        @Override
        public String usage() {
            return "COMMAND_ID --failed|--silent|--not-ok [--dry-run]";
        }

        @Override
        public Command.Rerun read(Words in) {
            Word id = in.nextWord();
            if (id == null) {
                throw in.reject("missing command id", in.end());
            }
            java.util.UUID commandId;
            try {
                commandId = java.util.UUID.fromString(id.text());
            } catch (IllegalArgumentException e) {
                throw in.reject("'" + id.text() + "' is no command id (a UUID)", id.start());
            }
            Command.Rerun.Which which = null;
            boolean dryRun = false;
            for (Word word = in.nextWord(); word != null; word = in.nextWord()) {
                if (word.text().equals("--dry-run")) {
                    dryRun = true;
                    continue;
                }
                Command.Rerun.Which named = null;
                for (Command.Rerun.Which candidate : Command.Rerun.Which.values()) {
                    if (candidate.flag().equals(word.text())) {
                        named = candidate;
                    }
                }
                if (named == null) {
                    throw in.reject("unexpected '" + word.text() + "'; use --failed, --silent or --not-ok, and "
                            + "--dry-run", word.start());
                }
                if (which != null && which != named) {
                    throw in.reject("choose one of --failed, --silent and --not-ok", word.start());
                }
                which = named;
            }
            if (which == null) {
                throw in.reject("say which nodes: --failed, --silent or --not-ok", in.end());
            }
            return new Command.Rerun(commandId, which, dryRun);
        }

        @Override
        public List<String> write(Command.Rerun value) {
            List<String> words = new ArrayList<>(List.of(value.commandId().toString(), value.which().flag()));
            if (value.dryRun()) {
                words.add("--dry-run");
            }
            return words;
        }

        @Override
        public Offer complete(List<String> words, String partial, Completing context) {
            if (words.isEmpty()) {
                return Offer.only(List.of());
            }
            List<String> candidates = new ArrayList<>();
            for (String name : List.of("--failed", "--silent", "--not-ok", "--dry-run")) {
                if (!words.contains(name)) {
                    candidates.addAll(flag(name, partial));
                }
            }
            return Offer.only(candidates);
        }
    }

    /** {@code COMMAND_ID|latest COMMAND}: which command a cancel calls off; {@code latest} completes from the sent ones. */
    record CancelWhat() implements Slot<Command.Cancel> {
        /** The word before a command text: the latest command issued with it. */
        public static final String LATEST = "latest";

        @Override
        public String usage() {
            return "COMMAND_ID|latest COMMAND";
        }

        @Override
        public Command.Cancel read(Words in) {
            Word word = in.nextWord();
            if (word == null) {
                throw in.reject("missing command id, or latest COMMAND", in.end());
            }
            if (word.text().equals(LATEST)) {
                return new Command.Cancel(Optional.empty(), Optional.of(in.commandText()));
            }
            try {
                return new Command.Cancel(Optional.of(java.util.UUID.fromString(word.text())), Optional.empty());
            } catch (IllegalArgumentException e) {
                throw in.reject("'" + word.text() + "' is no command id (a UUID) and not 'latest'", word.start());
            }
        }

        @Override
        public List<String> write(Command.Cancel value) {
            return value.commandId().map(id -> List.of(id.toString()))
                    .orElseGet(() -> List.of(LATEST, value.latestOf().orElseThrow()));
        }

        @Override
        public Offer complete(List<String> words, String partial, Completing context) {
            if (words.isEmpty()) {
                return Offer.only(LATEST.startsWith(partial) && !partial.isEmpty() ? List.of(LATEST) : List.of());
            }
            if (words.get(0).equals(LATEST)) {
                return new SentCommand().complete(words.subList(1, words.size()), partial, context);
            }
            return Offer.only(List.of());
        }
    }

    // Flags are offered once a flag is begun, so they never crowd out names and commands on a bare Tab.
    private static List<String> flag(String name, String partial) {
        return partial.startsWith("-") && name.startsWith(partial) ? List.of(name) : List.of();
    }

    private static List<String> startingWith(List<String> values, String partial) {
        return values.stream().filter(value -> value.startsWith(partial)).toList();
    }
}
