package io.ecledger.console;

import io.ecledger.console.client.Answer;
import io.ecledger.console.client.ManagerClient;
import io.ecledger.ledger.command.Command;
import io.ecledger.ledger.command.Grammar;
import io.ecledger.ledger.command.ParseResult;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs console lines for the interactive and the scripted console alike: sends each to the manager, adds the console's
 * own help to {@code help}, and carries out {@code --wait}.
 *
 * <p>{@code --wait[=SECONDS] LINE} (or the console option {@code --wait[=SECONDS]} for every line): after a
 * {@code broadcast}, {@code unicast} or {@code subcluster broadcast} the command is followed by the id its answer
 * names until every node has answered or timed out or the seconds ran out, and the matching retrieve's view is
 * printed after the send's answer.
 *
 * <p>{@code --follow[=SECONDS] LINE}: the same wait, printing each node's answer as it lands (and on a terminal a
 * progress line), then a summary instead of the retrieve view. Over the control socket, which has no event stream, it
 * waits and shows the view as {@code --wait} does.
 */
public final class ConsoleSession {

    /** How long {@code --wait} without seconds waits: the manager's default command timeout. */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);

    /** The console's own lines of {@code help}, after the manager's. */
    public static final String LOCAL_HELP = """
            console:
              quit, exit, Ctrl-D          leave the console (the manager keeps running)
              Ctrl-C                      drop the line being typed
              Tab                         complete command words, node and subcluster names, broadcast commands
              --wait[=SECONDS] LINE       after broadcast, unicast or subcluster broadcast: wait until every node
                                          has answered (at most SECONDS, default 30), then show the retrieve view
              ec_console --wait[=SECONDS] the same for every line of the session or script
              --follow[=SECONDS] LINE     the same wait, printing each node's answer as it lands, then the counts
            """;

    private static final Pattern WAIT_PREFIX = Pattern.compile("^\\s*--(wait|follow)(?:=(\\S*))?(?:\\s+|$)");

    private final ManagerClient client;
    private final Grammar grammar;
    private final Optional<Duration> defaultWait;

    /** {@code defaultWait}: the console's {@code --wait} for every line, or empty to wait only when a line asks. */
    public ConsoleSession(ManagerClient client, Grammar grammar, Optional<Duration> defaultWait) {
        this.client = client;
        this.grammar = grammar;
        this.defaultWait = defaultWait;
    }

    public ManagerClient client() {
        return client;
    }

    /**
     * The answer to one line, with what {@code --follow} printed while it followed in front of it.
     *
     * @throws io.ecledger.console.client.ManagerUnreachableException when the manager cannot be reached
     */
    public Answer run(String line) {
        StringBuilder printed = new StringBuilder();
        Answer answer = run(line, LiveOutput.into(printed));
        return printed.length() == 0 ? answer : new Answer(answer.ok(), printed + answer.text());
    }

    /**
     * The answer to one line; {@code --follow} prints the send's answer and each node's on {@code live} as they come,
     * and answers the summary.
     *
     * @throws io.ecledger.console.client.ManagerUnreachableException when the manager cannot be reached
     */
    public Answer run(String line, LiveOutput live) {
        Optional<Duration> wait = defaultWait;
        String option = "--wait";
        Matcher prefix = WAIT_PREFIX.matcher(line);
        if (prefix.find()) {
            option = "--" + prefix.group(1);
            Optional<Duration> asked = parseWait(prefix.group(2));
            if (asked.isEmpty()) {
                return Answer.refused(option + ": '" + prefix.group(2) + "' is not a whole number of seconds");
            }
            wait = asked;
            line = line.substring(prefix.end());
        }
        if (line.isBlank()) {
            return Answer.refused(option + ": missing the line to run");
        }
        boolean follow = option.equals("--follow");
        Answer answer = client.send(line);
        if (answer.ok() && line.strip().equalsIgnoreCase("help")) {
            return Answer.ok(withNewline(answer.text()) + LOCAL_HELP.stripTrailing());
        }
        if (!answer.ok() || wait.isEmpty()) {
            return answer;
        }
        Optional<String> retrieve = retrieveLineFor(line);
        if (retrieve.isEmpty()) {
            return answer;
        }
        // an answer that names no command id has nothing to follow: its view at once
        Optional<UUID> issued = answer.issuedCommand();
        Duration seconds = wait.get();
        if (follow && issued.isPresent()) {
            return follow(answer, issued.get(), retrieve.get(), seconds, live);
        }
        issued.ifPresent(id -> client.awaitSettled(id, seconds));
        Answer view = client.send(retrieve.get());
        return new Answer(view.ok(), withNewline(answer.text()) + view.text());
    }

    /**
     * Prints the send's answer and each node's as it lands, and answers the summary; when the client told nothing
     * (the control socket has no stream), the retrieve view {@code retrieve} shows, as {@code --wait} does.
     */
    private Answer follow(Answer sent, UUID commandId, String retrieve, Duration wait, LiveOutput live) {
        live.line(sent.text().stripTrailing());
        FollowTally tally = new FollowTally();
        boolean settled = client.follow(commandId, wait, update -> {
            tally.take(update).ifPresent(text -> {
                live.progress("");
                live.line(text);
            });
            live.progress(tally.progress());
        });
        live.progress("");
        return tally.heard() ? Answer.ok(tally.summary(settled, wait)) : client.send(retrieve);
    }

    /**
     * The seconds of {@code --wait=SECONDS}: {@link #DEFAULT_WAIT} when {@code seconds} is null, empty when it is no
     * whole number of seconds.
     */
    public static Optional<Duration> parseWait(String seconds) {
        if (seconds == null) {
            return Optional.of(DEFAULT_WAIT);
        }
        if (!seconds.matches("[0-9]{1,6}")) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofSeconds(Long.parseLong(seconds)));
    }

    /** The retrieve that shows the answers to {@code line}, when it sends a command to nodes. */
    Optional<String> retrieveLineFor(String line) {
        ParseResult parsed = grammar.parse(line);
        if (!(parsed instanceof ParseResult.Parsed)
                || !(((ParseResult.Parsed) parsed).command() instanceof Command.Send)) {
            return Optional.empty();
        }
        Command.Send send = (Command.Send) ((ParseResult.Parsed) parsed).command();
        return Optional.of(grammar.line(new Command.Retrieve(send.target(), send.commandText())));
    }

    private static String withNewline(String text) {
        return text.isEmpty() || text.endsWith("\n") ? text : text + "\n";
    }

    /** True for the lines that leave the console. */
    public static boolean isQuit(String line) {
        String word = line.strip().toLowerCase(Locale.ROOT);
        return word.equals("quit") || word.equals("exit");
    }
}
