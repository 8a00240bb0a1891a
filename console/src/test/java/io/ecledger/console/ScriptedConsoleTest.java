package io.ecledger.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console without a terminal, run through its main entry with a fake or missing manager. */
class ScriptedConsoleTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String stdin, String... args) {
        return EcConsole.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                false);
    }

    @Test
    void anUnreachableManagerIsOneLineAndANonZeroExit() {
        Path socket = dir.resolve("2025");

        int status = run("broadcast version\n", socket.toString());

        assertThat(status).isEqualTo(ScriptedConsole.UNREACHABLE);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("cannot reach manager at " + socket + ": ")
                .doesNotContain("Exception", "\tat ").hasLineCount(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void anUnreachableHttpManagerIsOneLineToo() {
        int status = run("", "-e", "version", "127.0.0.1:1");

        assertThat(status).isEqualTo(ScriptedConsole.UNREACHABLE);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("cannot reach manager at 127.0.0.1:1: ").hasLineCount(1);
    }

    @Test
    void aBadOptionPrintsTheUsage() {
        assertThat(run("", "--wait=soon")).isEqualTo(ScriptedConsole.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("'soon' is not a whole number of seconds", "usage: ec_console");
    }

    @Test
    void blankLinesCommentsAndQuitAreNotSent() {
        FakeManager manager = new FakeManager();
        ScriptedConsole console = new ScriptedConsole(
                new ConsoleSession(manager, io.ecledger.ledger.command.Grammar.standard(), java.util.Optional.empty()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        int status = console.run(java.util.List.of("", "# the seed", "info", "quit", "shutdown"));

        assertThat(status).isZero();
        assertThat(manager.received).containsExactly("info");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("answer to info\n");
    }
}
