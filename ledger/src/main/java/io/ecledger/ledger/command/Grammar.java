package io.ecledger.ledger.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The eccmgr console grammar as data: one {@link CommandSpec} per command drives parsing, {@code help} and completion.
 *
 * <p>Pure: no I/O, no logging. {@link #parse(String)} never throws; a bad line comes back as {@link ParseResult.Rejected}.
 */
public final class Grammar {

    /** The default longest line accepted, in characters. */
    public static final int MAX_LINE_LENGTH = 8192;

    private final List<Rule> rules;
    private final Node root = new Node(null, null);
    private final int maxLineLength;

    /** Reads a command's arguments once its verb words have been matched. */
    @FunctionalInterface
    private interface ArgumentReader {
        Command read(Arguments in);
    }

    private record Rule(CommandSpec spec, ArgumentReader reader) {}

    private Grammar(List<Rule> rules, int maxLineLength) {
        if (maxLineLength < 1) {
            throw new IllegalArgumentException("maxLineLength must be at least 1, got " + maxLineLength);
        }
        this.rules = List.copyOf(rules);
        this.maxLineLength = maxLineLength;
        for (Rule rule : this.rules) {
            Node node = root;
            for (String word : rule.spec().words()) {
                if (node.rule != null) {
                    throw new IllegalArgumentException("verb '" + rule.spec().verb() + "' extends the complete verb '"
                            + node.rule.spec().verb() + "'");
                }
                node = node.child(word);
            }
            if (node.rule != null || !node.children.isEmpty()) {
                throw new IllegalArgumentException("verb '" + rule.spec().verb() + "' is declared twice or is a prefix of another");
            }
            node.rule = rule;
        }
    }

    /** The eccmgr console commands, with lines up to {@link #MAX_LINE_LENGTH} characters. */
    public static Grammar standard() {
        return standard(MAX_LINE_LENGTH);
    }

    /** The eccmgr console commands, refusing lines longer than {@code maxLineLength} characters. */
    public static Grammar standard(int maxLineLength) {
        return new Grammar(List.of(
                rule("broadcast", "COMMAND", "send a node console command to every node",
                        in -> new Command.Send(new Target.Broadcast(), in.commandText())),
                rule("subcluster broadcast", "NAME COMMAND", "send a node console command to every node of subcluster NAME",
                        in -> new Command.Send(in.subcluster(), in.commandText())),
                rule("unicast", "NODE COMMAND", "send a node console command to one node",
                        in -> new Command.Send(in.node(), in.commandText())),
                rule("retrieve", "[--at POINT] COMMAND", "show every node's response to a broadcast COMMAND",
                        in -> {
                            Optional<AsOf> at = in.at();
                            return new Command.Retrieve(new Target.Broadcast(), in.commandText(), at);
                        }),
                rule("subcluster retrieve", "[--at POINT] NAME COMMAND",
                        "show the responses of subcluster NAME's nodes to COMMAND",
                        in -> {
                            Optional<AsOf> at = in.at();
                            return new Command.Retrieve(in.subcluster(), in.commandText(), at);
                        }),
                rule("retrieve_node", "[--at POINT] NODE COMMAND", "show one node's response to COMMAND",
                        in -> {
                            Optional<AsOf> at = in.at();
                            return new Command.Retrieve(in.node(), in.commandText(), at);
                        }),
                rule("flush control cache", "", "clear the results buffer; earlier commands can no longer be retrieved",
                        in -> in.noMore(new Command.FlushControlCache())),
                rule("help", "[COMMAND...]", "list the commands, or those starting with COMMAND",
                        in -> new Command.Help(in.rest())),
                rule("info", "", "general information about the cluster group and this manager",
                        in -> in.noMore(new Command.Info())),
                rule("show cluster membership", "[--at POINT]", "current members and their roles (node, manager, other)",
                        in -> in.noMore(new Command.ShowClusterMembership(in.at()))),
                rule("shutdown", "", "stop the manager",
                        in -> in.noMore(new Command.Shutdown())),
                rule("version", "", "version and copyright of the manager",
                        in -> in.noMore(new Command.Version())),
                rule("audit verify", "[--from-checkpoint]",
                        "walk the ledger's hash chain from its first event, or from the latest checkpoint",
                        Arguments::auditVerify),
                rule("history", "[FILTERS] | show OFFSET",
                        "issued commands newest first with each node's status and first line, or one record in full; "
                                + "FILTERS: --actor NAME --since/--until 2h|ISO-8601 --node N|--subcluster S|--broadcast "
                                + "--text T --regex RE --origin O --status error|expired|pending --limit N --page N --oldest-first",
                        Arguments::history),
                rule("config get", "[--at POINT] [SCOPE...] OPTION", "the value OPTION is set to in exactly that scope",
                        in -> in.configOption(ConfigVerb.GET)),
                rule("config eval", "[--at POINT] [SCOPE...] OPTION", "the effective value of OPTION, with fallbacks and default",
                        in -> in.configOption(ConfigVerb.EVAL)),
                rule("config set", "[SCOPE...] OPTION [=] VALUE", "set OPTION to VALUE (quote values with spaces)",
                        Arguments::configSet),
                rule("config unset", "[SCOPE...] OPTION", "remove the setting of OPTION in that scope",
                        in -> in.configOption(ConfigVerb.UNSET)),
                rule("config show", "[SCOPE...] [OPTION]", "the options set in a scope, or only OPTION",
                        in -> in.configScope(ConfigVerb.SHOW)),
                rule("config showrecurse", "[SCOPE...]", "the options set in a scope and every scope nested in it",
                        in -> in.configScope(ConfigVerb.SHOWRECURSE)),
                rule("config locate", "SCOPE [REGEX]", "where scopes of kind SCOPE are, optionally matching REGEX",
                        Arguments::configLocate),
                rule("config writeback", "[PATH]", "write the configuration, changes folded in, to PATH or its file",
                        Arguments::configWriteback),
                rule("config history", "[SCOPE...] OPTION", "every change of OPTION: ledger offset, time, actor, origin",
                        in -> in.configOption(ConfigVerb.HISTORY)),
                rule("replay", "FROM[..TO] [to TARGET] [--dry-run]",
                        "re-send the commands at ledger offsets FROM..TO as new commands; TARGET: broadcast, "
                                + "subcluster NAME or node NODE",
                        Arguments::replay)),
                maxLineLength);
    }

    private static Rule rule(String verb, String arguments, String help, ArgumentReader reader) {
        return new Rule(new CommandSpec(List.of(verb.split(" ")), arguments, help), reader);
    }

    /** The commands, in the order {@code help} lists them. */
    public List<CommandSpec> specs() {
        return rules.stream().map(Rule::spec).toList();
    }

    /** The longest line {@link #parse(String)} accepts, in characters. */
    public int maxLineLength() {
        return maxLineLength;
    }

    /** Parses one console line; never throws, whatever the input (a {@code null} line is rejected too). */
    public ParseResult parse(String line) {
        if (line == null) {
            return new ParseResult.Rejected("no line", 0);
        }
        if (line.length() > maxLineLength) {
            return new ParseResult.Rejected(
                    "line too long: " + line.length() + " characters (limit " + maxLineLength + ")", maxLineLength);
        }
        try {
            return new ParseResult.Parsed(read(line));
        } catch (CommandRejectedException e) {
            return new ParseResult.Rejected(e.getMessage(), e.position());
        }
    }

    private Command read(String line) {
        int start = 0;
        int end = line.length();
        while (start < end && isSpace(line.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(line.charAt(end - 1))) {
            end--;
        }
        if (start == end) {
            throw new CommandRejectedException("empty line", 0);
        }
        rejectControlCharacters(line, start, end);

        Arguments in = new Arguments(line, start, end);
        List<Word> typed = new ArrayList<>();
        Node node = root;
        while (node.rule == null) {
            Word word = in.nextWord();
            Node next = word == null ? null : node.children.get(lower(word.text()));
            if (next == null) {
                throw node == root ? unknownCommand(line, word, end) : expectedMore(node, typed, word, end);
            }
            typed.add(word);
            node = next;
        }
        in.verb = node.rule.spec().verb();
        return node.rule.reader().read(in);
    }

    // The command text is sent on to node consoles, which read one line per command: a line break inside it
    // would smuggle a second command past the grammar.
    private static void rejectControlCharacters(String line, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = line.charAt(i);
            int type = Character.getType(c);
            if ((Character.isISOControl(c) && c != '\t')
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
                throw new CommandRejectedException(
                        String.format("line contains control character U+%04X", (int) c), i);
            }
        }
    }

    private static CommandRejectedException unknownCommand(String line, Word first, int end) {
        if (first.text().equalsIgnoreCase("cluster")) {
            // Operators type node commands at the manager out of habit; point them at the form that works.
            String rest = line.substring(first.start(), end);
            String example = rest.length() == first.text().length() ? "cluster ..." : rest;
            return new CommandRejectedException(
                    "cluster commands run on nodes; use 'broadcast " + example + "'", first.start());
        }
        return new CommandRejectedException(
                "unknown command '" + first.text() + "'; type 'help' for the list", first.start());
    }

    // Report from the last place the operator had a choice, so "flush control x" says what "flush" needs.
    private static CommandRejectedException expectedMore(Node node, List<Word> typed, Word stoppedAt, int end) {
        Node from = node;
        while (from.depth() > 1 && from.parent.children.size() == 1) {
            from = from.parent;
        }
        List<String> choices = new ArrayList<>();
        for (Node child : from.children.values()) {
            StringBuilder chain = new StringBuilder(child.word);
            Node n = child;
            while (n.rule == null && n.children.size() == 1) {
                n = n.children.values().iterator().next();
                chain.append(' ').append(n.word);
            }
            choices.add(chain.toString());
        }
        String expected;
        if (choices.size() == 1) {
            expected = "'" + choices.get(0) + "'";
        } else if (choices.size() == 2) {
            expected = "'" + choices.get(0) + "' or '" + choices.get(1) + "'";
        } else {
            expected = "one of " + String.join(", ", choices);
        }
        int depth = from.depth();
        int position = depth < typed.size() ? typed.get(depth).start() : stoppedAt != null ? stoppedAt.start() : end;
        return new CommandRejectedException(from.verb() + ": expected " + expected, position);
    }

    /** One line per command: the usage, padded so the descriptions align, two spaces, the description. */
    public String helpText() {
        return helpLines(specs());
    }

    /**
     * The help lines of the commands whose verb words start with the words of {@code topic} (any case, any spacing),
     * e.g. {@code subcluster} gives both subcluster forms; empty when none match.
     */
    public String helpText(String topic) {
        List<String> topicWords = splitWords(lower(topic == null ? "" : topic));
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

    /**
     * The verb words that may come next after {@code prefixLine}, for tab completion: with a trailing space, every
     * word that can follow the words typed; without, those that start with the last, partly typed word. Empty once
     * the verb is complete (arguments are not completed here) or when the words typed are no verb.
     */
    public List<String> completions(String prefixLine) {
        if (prefixLine == null) {
            return List.of();
        }
        List<String> words = splitWords(lower(prefixLine));
        boolean wordEnded = prefixLine.isEmpty() || isSpace(prefixLine.charAt(prefixLine.length() - 1));
        String partial = wordEnded || words.isEmpty() ? "" : words.remove(words.size() - 1);
        Node node = root;
        for (String word : words) {
            node = node.rule == null ? node.children.get(word) : null;
            if (node == null) {
                return List.of();
            }
        }
        return node.children.keySet().stream().filter(word -> word.startsWith(partial)).toList();
    }

    private static List<String> splitWords(String text) {
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

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c);
    }

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    /** A node of the verb-word tree built from the specs. */
    private static final class Node {
        final String word;
        final Node parent;
        final Map<String, Node> children = new LinkedHashMap<>();
        Rule rule;

        Node(String word, Node parent) {
            this.word = word;
            this.parent = parent;
        }

        Node child(String childWord) {
            return children.computeIfAbsent(childWord, w -> new Node(w, this));
        }

        int depth() {
            return parent == null ? 0 : parent.depth() + 1;
        }

        String verb() {
            return parent == null || parent.parent == null ? word : parent.verb() + " " + word;
        }
    }

    /** A word of the line and where it starts; {@code quoted} when any part of it was in double quotes. */
    private record Word(String text, int start, boolean quoted) {
        boolean isBareEquals() {
            return !quoted && text.equals("=");
        }
    }

    /** The rest of a line after its verb words, read by one command's {@link ArgumentReader}. */
    private static final class Arguments {
        private final String line;
        private final int end;
        private int cursor;
        String verb = "";

        Arguments(String line, int start, int end) {
            this.line = line;
            this.cursor = start;
            this.end = end;
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

        private CommandRejectedException reject(String what, int position) {
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

        Optional<String> rest() {
            skipSpace();
            String text = line.substring(cursor, end);
            cursor = end;
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        }

        /**
         * An optional {@code --at OFFSET|ISO-8601-TIME} right after the verb words: read the view as of that point
         * of the ledger instead of now.
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

        <C extends Command> C noMore(C command) {
            Word extra = nextWord();
            if (extra != null) {
                throw reject("unexpected '" + extra.text() + "'", extra.start());
            }
            return command;
        }

        Command.AuditVerify auditVerify() {
            Word flag = nextWord();
            if (flag == null) {
                return new Command.AuditVerify(false);
            }
            if (!flag.text().equals("--from-checkpoint")) {
                throw reject("unexpected '" + flag.text() + "'; the only option is --from-checkpoint", flag.start());
            }
            return noMore(new Command.AuditVerify(true));
        }

        // history [FILTERS] | history show OFFSET: one rule, since "history" alone is a complete command.
        Command history() {
            List<Word> words = configWords();
            if (!words.isEmpty() && !words.get(0).quoted() && lower(words.get(0).text()).equals("show")) {
                verb = "history show";
                if (words.size() < 2) {
                    throw reject("missing ledger offset", end);
                }
                if (words.size() > 2) {
                    throw reject("unexpected '" + words.get(2).text() + "'", words.get(2).start());
                }
                Word offset = words.get(1);
                if (!offset.text().matches("\\d{1,18}")) {
                    throw reject("'" + offset.text() + "' is not a ledger offset", offset.start());
                }
                return new Command.HistoryShow(Long.parseLong(offset.text()));
            }
            HistoryFilter.Builder filter = new HistoryFilter.Builder();
            for (int i = 0; i < words.size(); i++) {
                Word flag = words.get(i);
                Word value = null;
                if (HistoryFilter.Builder.takesValue(flag.text())) {
                    if (i + 1 == words.size()) {
                        throw reject(flag.text() + " needs a value", end);
                    }
                    value = words.get(++i);
                }
                try {
                    filter.set(flag.text(), value == null ? null : value.text());
                } catch (IllegalArgumentException e) {
                    throw reject(e.getMessage(), value == null || e.getMessage().startsWith("only one") ? flag.start()
                            : value.start());
                }
            }
            try {
                return new Command.History(filter.build());
            } catch (IllegalArgumentException e) {
                throw reject(e.getMessage(), end);
            }
        }

        Command.Replay replay() {
            Word range = nextWord();
            if (range == null) {
                throw reject("missing ledger offset or range FROM..TO", end);
            }
            int dots = range.text().indexOf("..");
            long from = offset(range.text().substring(0, dots < 0 ? range.text().length() : dots), range);
            long to = dots < 0 ? from : offset(range.text().substring(dots + 2), range);
            if (to < from) {
                throw reject("range " + range.text() + " ends before it starts", range.start());
            }
            Optional<Target> retarget = Optional.empty();
            boolean dryRun = false;
            for (Word word = nextWord(); word != null; word = nextWord()) {
                if (word.text().equals("--dry-run") && !dryRun) {
                    dryRun = true;
                } else if (lower(word.text()).equals("to") && retarget.isEmpty()) {
                    retarget = Optional.of(replayTarget());
                } else {
                    throw reject("unexpected '" + word.text() + "'; expected 'to TARGET' or --dry-run", word.start());
                }
            }
            return new Command.Replay(from, to, retarget, dryRun);
        }

        private long offset(String digits, Word range) {
            if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw reject("'" + range.text() + "' is not a ledger offset or range FROM..TO", range.start());
            }
            return Long.parseLong(digits);
        }

        private Target replayTarget() {
            Word kind = nextWord();
            String word = kind == null ? "" : lower(kind.text());
            if (word.equals("broadcast")) {
                return new Target.Broadcast();
            } else if (word.equals("subcluster")) {
                return subcluster();
            } else if (word.equals("node")) {
                return node();
            }
            throw reject("expected 'broadcast', 'subcluster NAME' or 'node NODE' after 'to'",
                    kind == null ? end : kind.start());
        }

        /** The rest of the line as configuration words: double quotes group, and inside them \" and \\ escape. */
        List<Word> configWords() {
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

        private List<Word> configWordsWithoutEquals() {
            List<Word> words = configWords();
            for (Word word : words) {
                if (word.isBareEquals()) {
                    throw reject("unexpected '='", word.start());
                }
            }
            return words;
        }

        Command configOption(ConfigVerb configVerb) {
            Optional<AsOf> at = configVerb == ConfigVerb.GET || configVerb == ConfigVerb.EVAL ? at() : Optional.empty();
            List<Word> words = configWordsWithoutEquals();
            if (words.isEmpty()) {
                throw reject("missing option name", end);
            }
            int last = words.size() - 1;
            return new Command.Config(configVerb, texts(words.subList(0, last)),
                    Optional.of(words.get(last).text()), Optional.empty(), at);
        }

        Command configScope(ConfigVerb configVerb) {
            return new Command.Config(configVerb, texts(configWordsWithoutEquals()), Optional.empty(), Optional.empty());
        }

        Command configLocate() {
            List<Word> words = configWords();
            if (words.isEmpty()) {
                throw reject("missing scope name", end);
            }
            if (words.size() > 2) {
                throw reject("unexpected '" + words.get(2).text() + "'", words.get(2).start());
            }
            Optional<String> regex = words.size() == 2 ? Optional.of(words.get(1).text()) : Optional.empty();
            return new Command.Config(ConfigVerb.LOCATE, List.of(words.get(0).text()), regex, Optional.empty());
        }

        Command configWriteback() {
            List<Word> words = configWordsWithoutEquals();
            if (words.size() > 1) {
                throw reject("unexpected '" + words.get(1).text() + "' (quote paths with spaces)", words.get(1).start());
            }
            Optional<String> path = words.isEmpty() ? Optional.empty() : Optional.of(words.get(0).text());
            return new Command.Config(ConfigVerb.WRITEBACK, List.of(), path, Optional.empty());
        }

        // "Option = value" and "Option value" are both ecelerity syntax; a quoted "=" is a value, not the separator.
        Command configSet() {
            List<Word> words = configWords();
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
                    throw reject("missing option name", words.get(equals).start());
                }
                if (after.isEmpty()) {
                    throw reject("missing value", end);
                }
                if (after.size() > 1) {
                    throw reject("unexpected '" + after.get(1).text() + "' after the value (quote values with spaces)",
                            after.get(1).start());
                }
                value = after.get(0);
            } else {
                if (words.isEmpty()) {
                    throw reject("missing option name", end);
                }
                if (words.size() == 1) {
                    throw reject("missing value", end);
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
}
