package io.ecledger.console;

import io.ecledger.console.client.Answer;
import io.ecledger.console.client.ManagerUnreachableException;
import java.io.BufferedReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;

/**
 * The console without a terminal: runs each line, prints each answer, no banner and no prompt. Blank lines and lines
 * starting with {@code #} are skipped; {@code quit} or {@code exit} stops. A refused line is reported on the error
 * stream as {@code line N refused: REASON} and the script goes on; an unreachable manager stops it.
 */
public final class ScriptedConsole {

    /** Every line was answered. */
    public static final int OK = 0;
    /** At least one line was refused. */
    public static final int REFUSED = 1;
    /** The command line was wrong. */
    public static final int USAGE = 2;
    /** The manager could not be reached. */
    public static final int UNREACHABLE = 3;

    private final ConsoleSession session;
    private final PrintStream out;
    private final PrintStream err;

    public ScriptedConsole(ConsoleSession session, PrintStream out, PrintStream err) {
        this.session = session;
        this.out = out;
        this.err = err;
    }

    /** Runs every line {@code in} holds, each as soon as it is read; answers the exit status. */
    public int run(BufferedReader in) {
        try {
            return run(in.lines().iterator());
        } catch (UncheckedIOException e) {
            err.println("cannot read the script: " + e.getCause().getMessage());
            return USAGE;
        }
    }

    /** Runs {@code lines}, numbered from 1 in messages; answers the exit status. */
    public int run(List<String> lines) {
        return run(lines.iterator());
    }

    private int run(Iterator<String> lines) {
        int status = OK;
        for (int i = 0; lines.hasNext(); i++) {
            String line = lines.next();
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            if (ConsoleSession.isQuit(line)) {
                break;
            }
            Answer answer;
            try {
                answer = session.run(line, live);
            } catch (ManagerUnreachableException e) {
                err.println(e.getMessage());
                return UNREACHABLE;
            }
            if (answer.ok()) {
                printAnswer(answer.text());
            } else {
                err.println("line " + (i + 1) + " refused: " + answer.text().strip());
                status = REFUSED;
            }
        }
        out.flush();
        return status;
    }

    // --follow prints each answer as it lands; a script's output is no terminal, so it shows no progress line
    private final LiveOutput live = new LiveOutput() {
        @Override
        public void line(String text) {
            printAnswer(text);
            out.flush();
        }

        @Override
        public void progress(String text) {
        }
    };

    private void printAnswer(String text) {
        if (text.isEmpty()) {
            return;
        }
        out.print(text.endsWith("\n") ? text : text + "\n");
    }
}
