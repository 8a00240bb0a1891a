package io.ecledger.ledger.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The eccmgr console grammar as data: one {@link CommandSpec} per command, its typed {@link Slot}s driving parsing,
 * {@code help}, completion and the way back from a command to its line.
 *
 * <p>Pure: no I/O, no logging. {@link #parse(String)} never throws; a bad line comes back as {@link ParseResult.Rejected}.
 */
public final class Grammar {

    /** The default longest line accepted, in characters. */
    public static final int MAX_LINE_LENGTH = 8192;

    private final Map<String, Rule> rules = new LinkedHashMap<>();
    private final VerbTree verbs;
    private final int maxLineLength;

    /**
     * A spec with what reads its slots into a command and what writes a command's values back into words. Both
     * are built by the {@code rule} factories from the same slots, so reading and writing cannot drift apart.
     */
    private record Rule(CommandSpec spec, Function<Words, Command> reader, Function<Command, List<String>> writer) {}

    /** Builds a command from three slot values. */
    @FunctionalInterface
    private interface Build3<A, B, D, C> {
        C apply(A a, B b, D d);
    }

    private Grammar(List<Rule> rules, int maxLineLength) {
        if (maxLineLength < 1) {
            throw new IllegalArgumentException("maxLineLength must be at least 1, got " + maxLineLength);
        }
        this.maxLineLength = maxLineLength;
        this.verbs = new VerbTree(rules.stream().map(Rule::spec).toList());
        for (Rule rule : rules) {
            this.rules.put(rule.spec().verb(), rule);
        }
    }

    /** The eccmgr console commands, with lines up to {@link #MAX_LINE_LENGTH} characters. */
    public static Grammar standard() {
        return standard(MAX_LINE_LENGTH);
    }

    /** The eccmgr console commands, refusing lines longer than {@code maxLineLength} characters. */
    public static Grammar standard(int maxLineLength) {
        Slot.At at = new Slot.At();
        Slot.NodeName node = new Slot.NodeName();
        Slot.SubclusterName subcluster = new Slot.SubclusterName();
        Slot.NodeCommand newCommand = new Slot.NodeCommand();
        Slot.SentCommand sentCommand = new Slot.SentCommand();
        Slot.Options options = new Slot.Options();
        Class<Command.Send> send = Command.Send.class;
        Class<Command.Retrieve> retrieve = Command.Retrieve.class;
        return new Grammar(List.of(
                rule("broadcast", "send a node console command to every node; ROLLOUT: --batch N|N% [--batch-wait 30s] "
                                + "[--max-errors N|N%] sends it N nodes (N% of them) at a time in name order, each batch "
                                + "once the one before is done and the wait passed, the rest cancelled once more than "
                                + "the errors allowed failed; --dry-run shows the batches and sends nothing",
                        send, options, Command.Send::options, newCommand, Command.Send::commandText,
                        (how, text) -> new Command.Send(new Target.Broadcast(), text, how)),
                rule("subcluster broadcast", "send a node console command to every node of subcluster NAME; ROLLOUT "
                                + "as for broadcast",
                        send, subcluster, c -> (Target.Subcluster) c.target(), options, Command.Send::options,
                        newCommand, Command.Send::commandText, (target, how, text) -> new Command.Send(target, text, how)),
                rule("unicast", "send a node console command to one node",
                        send, node, c -> (Target.Unicast) c.target(), newCommand, Command.Send::commandText,
                        Command.Send::new),
                rule("retrieve", "show every node's response to a broadcast COMMAND",
                        retrieve, at, Command.Retrieve::at, sentCommand, Command.Retrieve::commandText,
                        (point, text) -> new Command.Retrieve(new Target.Broadcast(), text, point)),
                rule("subcluster retrieve", "show the responses of subcluster NAME's nodes to COMMAND",
                        retrieve, at, Command.Retrieve::at, subcluster, c -> (Target.Subcluster) c.target(),
                        sentCommand, Command.Retrieve::commandText, (point, target, text) -> new Command.Retrieve(target, text, point)),
                rule("retrieve_node", "show one node's response to COMMAND",
                        retrieve, at, Command.Retrieve::at, node, c -> (Target.Unicast) c.target(),
                        sentCommand, Command.Retrieve::commandText, (point, target, text) -> new Command.Retrieve(target, text, point)),
                rule("flush control cache", "clear the results buffer; earlier commands can no longer be retrieved",
                        new Command.FlushControlCache()),
                rule("help", "list the commands, or those starting with COMMAND",
                        Command.Help.class, new Slot.HelpTopic(), Command.Help::topic, Command.Help::new),
                rule("info", "general information about the cluster group and this manager", new Command.Info()),
                rule("show cluster membership", "current members and their roles (node, manager, other)",
                        Command.ShowClusterMembership.class, at, Command.ShowClusterMembership::at,
                        Command.ShowClusterMembership::new),
                rule("shutdown", "stop the manager", new Command.Shutdown()),
                rule("version", "version and copyright of the manager", new Command.Version()),
                rule("audit verify", "walk the ledger's hash chain from its first event, or from the latest checkpoint",
                        Command.AuditVerify.class, new Slot.Flag("--from-checkpoint"), Command.AuditVerify::fromCheckpoint,
                        Command.AuditVerify::new),
                rule("history",
                        "issued commands newest first with each node's status and first line, or one record in full; "
                                + "FILTERS: --actor NAME --since/--until 2h|ISO-8601 --node N|--subcluster S|--broadcast "
                                + "--text T --regex RE --origin O --status error|expired|pending|rejected|denied --limit N --page N --oldest-first",
                        Command.class, new Slot.HistoryFilters(), c -> c, c -> c),
                configAt(ConfigVerb.GET, "the value OPTION is set to in exactly that scope"),
                configAt(ConfigVerb.EVAL, "the effective value of OPTION, with fallbacks and default"),
                config(ConfigVerb.SET, "set OPTION to VALUE (quote values with spaces)"),
                config(ConfigVerb.UNSET, "remove the setting of OPTION in that scope"),
                config(ConfigVerb.SHOW, "the options set in a scope, or only OPTION"),
                config(ConfigVerb.SHOWRECURSE, "the options set in a scope and every scope nested in it"),
                config(ConfigVerb.LOCATE, "where scopes of kind SCOPE are, optionally matching REGEX"),
                config(ConfigVerb.WRITEBACK, "write the configuration, changes folded in, to PATH or its file"),
                config(ConfigVerb.HISTORY, "every change of OPTION: ledger offset, time, actor, origin"),
                rule("node keys", "the node keys, pending, accepted and rejected, with their fingerprints",
                        new Command.NodeKeys()),
                rule("node accept", "trust what NODE's pending key signs (or every node's with --all); on the ledger",
                        Command.NodeAccept.class, new Slot.NodeOrAll(), Command.NodeAccept::node, Command.NodeAccept::new),
                rule("node reject", "stop trusting NODE's keys: its records are quarantined; on the ledger",
                        Command.NodeReject.class, node, Command.NodeReject::node, Command.NodeReject::new),
                rule("policy show", "the command policy in force, with its hash, or the one in force --at a ledger point",
                        Command.PolicyShow.class, at, Command.PolicyShow::at, Command.PolicyShow::new),
                rule("policy reload", "re-read the policy file; a changed policy goes on the ledger with its text and hash",
                        new Command.PolicyReload()),
                rule("cancel", "call off a command: unreleased batches never go out, nodes that have not started it "
                                + "answer CANCELLED, running ones are stopped where their executor can; on the ledger",
                        Command.Cancel.class, new Slot.CancelWhat(), c -> c, c -> c),
                rule("rerun", "send a command again, as a new command linked to it, to only its nodes that failed "
                                + "(answered ERROR, REJECTED or EXPIRED), that were silent (undelivered or timed out), or "
                                + "that did not answer OK; --dry-run shows them and sends nothing",
                        Command.Rerun.class, new Slot.RerunArguments(), c -> c, c -> c),
                rule("replay", "re-send the commands at ledger offsets FROM..TO as new commands; TARGET: broadcast, "
                                + "subcluster NAME or node NODE",
                        Command.Replay.class, new Slot.ReplayRange(), c -> c, c -> c)),
                maxLineLength);
    }

    private static Rule config(ConfigVerb verb, String help) {
        return rule("config " + verb.word(), help, Command.Config.class, new Slot.ConfigWords(verb), c -> c, c -> c);
    }

    private static Rule configAt(ConfigVerb verb, String help) {
        return rule("config " + verb.word(), help, Command.Config.class, new Slot.At(), Command.Config::at,
                new Slot.ConfigWords(verb), c -> c,
                (point, c) -> new Command.Config(c.configVerb(), c.scopeWords(), c.option(), c.value(), point));
    }

    // One factory per number of slots: each slot comes with the accessor that gets its value back from the command.

    private static Rule rule(String verb, String help, Command command) {
        return new Rule(spec(verb, help), in -> {
            in.noMore();
            return command;
        }, c -> List.of());
    }

    private static <C extends Command, A> Rule rule(String verb, String help, Class<C> type,
            Slot<A> a, Function<C, A> getA, Function<A, C> build) {
        return new Rule(spec(verb, help, a), in -> {
            A first = a.read(in);
            in.noMore();
            return build.apply(first);
        }, c -> a.write(getA.apply(type.cast(c))));
    }

    private static <C extends Command, A, B> Rule rule(String verb, String help, Class<C> type,
            Slot<A> a, Function<C, A> getA, Slot<B> b, Function<C, B> getB, BiFunction<A, B, C> build) {
        return new Rule(spec(verb, help, a, b), in -> {
            A first = a.read(in);
            B second = b.read(in);
            in.noMore();
            return build.apply(first, second);
        }, c -> words(a.write(getA.apply(type.cast(c))), b.write(getB.apply(type.cast(c)))));
    }

    private static <C extends Command, A, B, D> Rule rule(String verb, String help, Class<C> type,
            Slot<A> a, Function<C, A> getA, Slot<B> b, Function<C, B> getB, Slot<D> d, Function<C, D> getD,
            Build3<A, B, D, C> build) {
        return new Rule(spec(verb, help, a, b, d), in -> {
            A first = a.read(in);
            B second = b.read(in);
            D third = d.read(in);
            in.noMore();
            return build.apply(first, second, third);
        }, c -> words(a.write(getA.apply(type.cast(c))), b.write(getB.apply(type.cast(c))),
                d.write(getD.apply(type.cast(c)))));
    }

    private static CommandSpec spec(String verb, String help, Slot<?>... slots) {
        return new CommandSpec(List.of(verb.split(" ")), List.of(slots), help);
    }

    @SafeVarargs
    private static List<String> words(List<String>... pieces) {
        List<String> words = new ArrayList<>();
        for (List<String> piece : pieces) {
            words.addAll(piece);
        }
        return words;
    }

    /** The commands, in the order {@code help} lists them. */
    public List<CommandSpec> specs() {
        return rules.values().stream().map(Rule::spec).toList();
    }

    /** The longest line {@link #parse(String)} accepts, in characters. */
    public int maxLineLength() {
        return maxLineLength;
    }

    // ---- parsing ----------------------------------------------------------------------------------------------

    /** Parses one console line; never throws, whatever the input (a {@code null} line is rejected too). */
    public ParseResult parse(String line) {
        if (line == null) {
            return new ParseResult.Rejected("no line", 0);
        }
        if (line.length() > maxLineLength) {
            return tooLong(line.length());
        }
        try {
            return new ParseResult.Parsed(read(line));
        } catch (CommandRejectedException e) {
            return new ParseResult.Rejected(e.getMessage(), e.position());
        }
    }

    private ParseResult.Rejected tooLong(int length) {
        return new ParseResult.Rejected("line too long: " + length + " characters (limit " + maxLineLength + ")",
                maxLineLength);
    }

    private Command read(String line) {
        int start = 0;
        int end = line.length();
        while (start < end && Words.isSpace(line.charAt(start))) {
            start++;
        }
        while (end > start && Words.isSpace(line.charAt(end - 1))) {
            end--;
        }
        if (start == end) {
            throw new CommandRejectedException("empty line", 0);
        }
        rejectControlCharacters(line, start, end, 0);
        Words in = new Words(line, start, end);
        CommandSpec spec = verbs.match(in, line);
        in.nameRefusalsAfter(spec.verb());
        return rules.get(spec.verb()).reader().apply(in);
    }

    /**
     * Refuses {@code text} when it holds a line break or another control character (a tab is fine): the rule
     * every typed line meets, which node agents apply again to what they read off the ledger.
     *
     * @throws CommandRejectedException naming the character and its position
     */
    public static void requireOneLine(String text) {
        rejectControlCharacters(text, 0, text.length(), 0);
    }

    // The command text is sent on to node consoles, which read one line per command: a line break inside it
    // would smuggle a second command past the grammar.
    private static void rejectControlCharacters(String text, int start, int end, int shift) {
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            int type = Character.getType(c);
            if ((Character.isISOControl(c) && c != '\t')
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
                throw new CommandRejectedException(
                        String.format("line contains control character U+%04X", (int) c), shift + i);
            }
        }
    }

    /**
     * A send from typed pieces rather than a line, as REST gives them: accepted, or refused with the message and
     * position {@link #parse(String)} gives the line {@link #line(Command)} would write for it. {@code commandText}
     * may be null (refused as missing); whitespace around it is dropped, as around a typed line.
     *
     * @throws CommandRejectedException when the line saying it would be refused
     */
    public Command.Send send(Target target, String commandText) {
        String text = commandText == null ? "" : commandText;
        String verb = Command.Send.verbOf(target);
        String name = target instanceof Target.Subcluster ? " " + ((Target.Subcluster) target).name()
                : target instanceof Target.Unicast ? " " + ((Target.Unicast) target).node() : "";
        int shift = verb.length() + name.length() + 1;
        if (shift + text.length() > maxLineLength) {
            tooLong(shift + text.length()).orThrow();
        }
        int start = 0;
        int end = text.length();
        while (start < end && Words.isSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && Words.isSpace(text.charAt(end - 1))) {
            end--;
        }
        rejectControlCharacters(text, start, end, shift);
        if (start == end) {
            throw new CommandRejectedException(verb + ": missing command", shift - 1);
        }
        if (!(target instanceof Target.Unicast) && text.startsWith("--", start)) {
            // typed, these words would be read as options; given apart, they go in the options, not the text
            int flagEnd = start;
            while (flagEnd < end && !Words.isSpace(text.charAt(flagEnd))) {
                flagEnd++;
            }
            throw new CommandRejectedException(verb + ": unknown option '" + text.substring(start, flagEnd)
                    + "'; use --batch, --batch-wait, --max-errors or --dry-run before the command", shift + start);
        }
        return new Command.Send(target, text.substring(start, end));
    }

    /**
     * The send options {@code words} say ({@code --batch 10% --max-errors 0}), as REST gives them apart from the
     * command text; refused exactly as the same words typed before a command would be, positions within {@code words}.
     *
     * @throws CommandRejectedException when they would be refused
     */
    public SendOptions sendOptions(String verb, String words) {
        Words in = new Words(words, 0, words.length());
        in.nameRefusalsAfter(verb);
        SendOptions options = SendOptions.read(in);
        in.noMore();
        return options;
    }

    // ---- the way back -----------------------------------------------------------------------------------------

    /**
     * The console line of {@code command}, written from its spec's slots: verb words, then each slot's words.
     * {@code parse(line(c))} gives {@code c} back for every command {@link #parse(String)} can give.
     */
    public String line(Command command) {
        Rule rule = rules.get(command.verb());
        if (rule == null) {
            throw new IllegalArgumentException("no spec for verb '" + command.verb() + "'");
        }
        List<String> words = rule.writer().apply(command);
        return words.isEmpty() ? command.verb() : command.verb() + " " + String.join(" ", words);
    }

    // ---- help -------------------------------------------------------------------------------------------------

    /** One line per command: the usage, padded so the descriptions align, two spaces, the description. */
    public String helpText() {
        return helpLines(specs());
    }

    /**
     * The help lines of the commands whose verb words start with the words of {@code topic} (any case, any spacing),
     * e.g. {@code subcluster} gives both subcluster forms; empty when none match.
     */
    public String helpText(String topic) {
        List<String> topicWords = Words.split(Words.lower(topic == null ? "" : topic));
        List<CommandSpec> matching = specs().stream()
                .filter(spec -> spec.words().size() >= topicWords.size()
                        && spec.words().subList(0, topicWords.size()).equals(topicWords))
                .toList();
        return helpLines(matching);
    }

    private static String helpLines(List<CommandSpec> specs) {
        int width = specs.stream().mapToInt(spec -> spec.usage().length()).max().orElse(0);
        StringBuilder text = new StringBuilder();
        for (CommandSpec spec : specs) {
            text.append(spec.usage()).append(" ".repeat(width - spec.usage().length()))
                    .append("  ").append(spec.help()).append('\n');
        }
        return text.toString();
    }

    // ---- completion -------------------------------------------------------------------------------------------

    /**
     * The verb words that may come next after {@code prefixLine}, for tab completion: with a trailing space, every
     * word that can follow the words typed; without, those that start with the last, partly typed word. Empty once
     * the verb is complete (arguments are completed by {@link #complete}) or when the words typed are no verb.
     */
    public List<String> completions(String prefixLine) {
        if (prefixLine == null) {
            return List.of();
        }
        List<String> words = Words.split(Words.lower(prefixLine));
        String partial = endsWord(prefixLine) || words.isEmpty() ? "" : words.remove(words.size() - 1);
        return verbs.next(words, partial);
    }

    /**
     * Everything that completes the last, partly typed word of {@code prefixLine}: verb words while the verb is
     * being typed, then what its spec's slots offer from {@code live} (node and subcluster names, the commands a
     * retrieve can find, flags once {@code -} is typed). Each candidate replaces the partly typed word; a command
     * text may hold spaces.
     */
    public List<String> complete(String prefixLine, CompletionData live) {
        return complete(prefixLine, () -> live);
    }

    /**
     * As {@link #complete(String, CompletionData)}, asking {@code live} at most once and only when a slot's
     * candidates come from live data, so completing a verb costs the console no round trip to the manager.
     */
    public List<String> complete(String prefixLine, Supplier<CompletionData> live) {
        List<String> verbWords = completions(prefixLine);
        if (prefixLine == null || !verbWords.isEmpty()) {
            return verbWords;
        }
        List<String> words = Words.split(prefixLine);
        String partial = endsWord(prefixLine) || words.isEmpty() ? "" : words.remove(words.size() - 1);
        int verbLength = verbs.verbLength(words);
        if (verbLength < 0) {
            return List.of();
        }
        CommandSpec spec = rules.get(Words.lower(String.join(" ", words.subList(0, verbLength)))).spec();
        List<String> arguments = words.subList(verbLength, words.size());
        Slot.Completing context = new Slot.Completing(once(live), this);
        List<String> candidates = new ArrayList<>();
        for (Slot<?> slot : spec.slots()) {
            Slot.Offer offer = slot.complete(arguments, partial, context);
            candidates.addAll(offer.candidates());
            if (!offer.later()) {
                break;
            }
            arguments = arguments.subList(Math.min(offer.took(), arguments.size()), arguments.size());
        }
        return candidates;
    }

    private static Supplier<CompletionData> once(Supplier<CompletionData> live) {
        CompletionData[] asked = new CompletionData[1];
        return () -> {
            if (asked[0] == null) {
                asked[0] = Objects.requireNonNull(live.get(), "live completion data");
            }
            return asked[0];
        };
    }

    private static boolean endsWord(String prefixLine) {
        return prefixLine.isEmpty() || Words.isSpace(prefixLine.charAt(prefixLine.length() - 1));
    }
}
