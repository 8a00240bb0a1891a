package io.ecledger.console;

import io.ecledger.console.client.Answer;
import io.ecledger.console.client.ManagerUnreachableException;
import io.ecledger.console.complete.ConsoleCompleter;
import io.ecledger.console.complete.ConsoleParser;
import io.ecledger.ledger.command.CompletionData;
import io.ecledger.ledger.command.Grammar;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;

/**
 * The console on a terminal: eccmgr's banner, the prompt {@code HH:MM:SS ENDPOINT> }, line editing, tab completion and
 * a history file kept across runs. {@code quit}, {@code exit} or Ctrl-D leave; Ctrl-C drops the line being typed.
 */
public final class InteractiveConsole {

    private static final DateTimeFormatter PROMPT_TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final Terminal terminal;
    private final ConsoleSession session;
    private final Path historyFile;
    private final Clock clock;

    public InteractiveConsole(Terminal terminal, ConsoleSession session, Path historyFile, Clock clock) {
        this.terminal = terminal;
        this.session = session;
        this.historyFile = historyFile;
        this.clock = clock;
    }

    /** Runs until the operator leaves; answers 0. */
    public int run() {
        if (terminal.getWidth() <= 0) {
            // a terminal that does not know its size (a pipe under `script`, a dumb one) would cut the prompt to nothing
            terminal.setSize(new Size(80, 24));
        }
        PrintWriter out = terminal.writer();
        if (!HistoryFile.makePrivate(historyFile)) {
            out.println("warning: could not make the history file " + historyFile + " private (0600)");
        }
        LineReader reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("ec_console")
                .parser(new ConsoleParser())
                .completer(new ConsoleCompleter(Grammar.standard(), this::liveCompletions))
                .variable(LineReader.HISTORY_FILE, historyFile)
                // "!" belongs to node commands, not to history expansion
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.HISTORY_IGNORE_SPACE, false)
                .build();
        out.println(banner());
        out.flush();
        try {
            while (true) {
                String line;
                try {
                    line = reader.readLine(prompt());
                } catch (UserInterruptException dropped) {
                    continue;
                } catch (EndOfFileException leave) {
                    break;
                }
                if (line.isBlank()) {
                    continue;
                }
                if (ConsoleSession.isQuit(line)) {
                    break;
                }
                // a completion leaves a space after the last word; the grammar ignores surrounding space anyway
                out.println(answer(line.strip()));
                out.flush();
            }
        } finally {
            try {
                reader.getHistory().save();
            } catch (IOException e) {
                out.println("could not save the history to " + historyFile + ": " + e.getMessage());
            }
            out.flush();
        }
        return 0;
    }

    private String answer(String line) {
        try {
            Answer answer = session.run(line, live());
            return answer.text().endsWith("\n") ? answer.text().substring(0, answer.text().length() - 1) : answer.text();
        } catch (ManagerUnreachableException e) {
            return e.getMessage();
        }
    }

    /** Prints {@code --follow}'s lines on the terminal as they come, with its progress line redrawn in place. */
    private LiveOutput live() {
        PrintWriter out = terminal.writer();
        // a dumb terminal cannot go back to the start of a line: it gets the answers without a progress line
        boolean redraws = !Terminal.TYPE_DUMB.equals(terminal.getType())
                && !Terminal.TYPE_DUMB_COLOR.equals(terminal.getType());
        return new LiveOutput() {
            @Override
            public void line(String text) {
                out.println(text);
                out.flush();
            }

            @Override
            public void progress(String text) {
                if (redraws) {
                    // back to the line's start, the text, the rest of the line erased
                    out.print("\r" + text + "\u001b[K");
                    out.flush();
                }
            }
        };
    }

    /** The prompt, {@code 12:33:15 /tmp/2025> }: local time and endpoint. */
    String prompt() {
        return LocalTime.now(clock).format(PROMPT_TIME) + " " + session.client().endpoint() + "> ";
    }

    /** eccmgr's banner framed in {@code #}, with what the manager says to {@code version}. */
    String banner() {
        String version;
        try {
            Answer answer = session.client().send("version");
            version = answer.text().strip();
        } catch (ManagerUnreachableException e) {
            return e.getMessage();
        }
        StringBuilder text = new StringBuilder();
        String frame = "#".repeat(72);
        text.append(frame).append('\n');
        for (String line : version.split("\n")) {
            text.append("# ").append(line).append('\n');
        }
        text.append("# Type 'help' for the commands, Tab to complete, 'quit' or Ctrl-D to leave.\n");
        text.append(frame);
        return text.toString();
    }

    private CompletionData liveCompletions() {
        try {
            return session.client().completions();
        } catch (ManagerUnreachableException e) {
            return CompletionData.NONE;
        }
    }
}
