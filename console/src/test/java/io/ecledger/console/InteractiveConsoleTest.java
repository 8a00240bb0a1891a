package io.ecledger.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecledger.ledger.command.Grammar;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;
import org.jline.terminal.Attributes;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The interactive console typed at through a JLine dumb terminal, against a fake manager. */
class InteractiveConsoleTest {

    private static final String TAB = "\t";
    private static final String ENTER = "\r";
    private static final String CTRL_C = "\u0003";
    private static final String CTRL_D = "\u0004";
    // emacs keymap: previous history entry
    private static final String CTRL_P = "\u0010";
    // JLine's line editor turns itself off for the terminal type "dumb"; any real type keeps the dumb terminal's
    // plain streams but lets the editor bind Tab, Ctrl-P, Ctrl-C and Ctrl-D as on a real terminal
    private static final String TERMINAL_TYPE = "ansi";
    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final Clock AT_12_33_15 = Clock.fixed(
            LocalDateTime.of(2026, 11, 25, 12, 33, 15).atZone(ZONE).toInstant(), ZONE);

    @TempDir
    Path dir;

    private final FakeManager manager = new FakeManager();

    /** Types {@code keys} into a fresh console and answers everything it printed. */
    private String type(String keys) throws Exception {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        try (DumbTerminal terminal = new DumbTerminal("test", TERMINAL_TYPE,
                new ByteArrayInputStream(keys.getBytes(StandardCharsets.UTF_8)), screen, StandardCharsets.UTF_8)) {
            // what a real terminal has and a stream-backed one lacks: Ctrl-C as interrupt, Ctrl-D as end of file
            Attributes attributes = terminal.getAttributes();
            attributes.setLocalFlag(Attributes.LocalFlag.ISIG, true);
            attributes.setControlChar(Attributes.ControlChar.VINTR, 3);
            attributes.setControlChar(Attributes.ControlChar.VEOF, 4);
            terminal.setAttributes(attributes);
            int status = new InteractiveConsole(terminal, new ConsoleSession(manager, Grammar.standard(), Optional.empty()),
                    dir.resolve("history"), AT_12_33_15).run();
            assertThat(status).isZero();
        }
        return screen.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theHistoryFileIsMadeOwnerOnlyBeforeALineIsWrittenToIt() throws Exception {
        type("config set secret_password hunter2" + ENTER + CTRL_D);

        assertThat(Files.readString(dir.resolve("history"))).contains("hunter2");
        assertThat(Files.getPosixFilePermissions(dir.resolve("history"))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void aHistoryFileAnOlderConsoleLeftReadableIsNarrowedAndKeepsItsLines() throws Exception {
        Files.writeString(dir.resolve("history"), "1764000000000:info\n");
        Files.setPosixFilePermissions(dir.resolve("history"), PosixFilePermissions.fromString("rw-r--r--"));

        type("version" + ENTER + CTRL_D);

        assertThat(Files.getPosixFilePermissions(dir.resolve("history"))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(dir.resolve("history"))).contains("info", "version");
    }

    @Test
    void thePromptIsTheLocalTimeAndTheEndpoint() throws Exception {
        String screen = type("info" + ENTER + CTRL_D);

        assertThat(screen).contains("12:33:15 /tmp/2025> ").contains("answer to info");
    }

    @Test
    void theBannerIsFramedAndShowsTheManagersVersion() throws Exception {
        String screen = type(CTRL_D);

        assertThat(screen).contains("#".repeat(72) + "\n# ecledger eccmgr version: 0.1.0-TEST\n");
    }

    @Test
    void tabCompletesCommandWords() throws Exception {
        type("bro" + TAB + "version" + ENTER + "subcluster b" + TAB + "west version" + ENTER + CTRL_D);

        assertThat(manager.typed()).containsExactly("broadcast version", "subcluster broadcast west version");
    }

    @Test
    void tabCompletesNodeNamesAfterUnicastAndRetrieveNode() throws Exception {
        type("unicast rh52m" + TAB + "summary" + ENTER + "retrieve_node rh52bar2" + TAB + "summary" + ENTER + CTRL_D);

        assertThat(manager.typed()).containsExactly("unicast rh52mgr summary", "retrieve_node rh52bar2 summary");
    }

    @Test
    void tabCompletesSubclusterNames() throws Exception {
        type("subcluster broadcast w" + TAB + "version" + ENTER + "subcluster retrieve e" + TAB + "version" + ENTER + CTRL_D);

        assertThat(manager.typed()).containsExactly("subcluster broadcast west version", "subcluster retrieve east version");
    }

    @Test
    void tabCompletesCommandsBroadcastEarlierAfterRetrieve() throws Exception {
        type("retrieve sie" + TAB + ENTER + CTRL_D);

        assertThat(manager.typed()).containsExactly("retrieve sieve:sieve1 flush cache");
    }

    @Test
    void thePreviousLineIsRecalledFromHistoryAlsoInTheNextSession() throws Exception {
        type("unicast rh52mgr summary" + ENTER + CTRL_P + ENTER + CTRL_D);
        type(CTRL_P + ENTER + CTRL_D);

        assertThat(manager.received).containsExactly(
                "version", "unicast rh52mgr summary", "unicast rh52mgr summary",
                "version", "unicast rh52mgr summary");
        assertThat(dir.resolve("history")).content().contains("unicast rh52mgr summary");
    }

    @Test
    void ctrlCDropsTheLineBeingTyped() throws Exception {
        type("shutdown" + CTRL_C + "info" + ENTER + CTRL_D);

        assertThat(manager.typed()).containsExactly("info");
    }

    @Test
    void ctrlDQuitAndExitLeaveWithoutSendingAnything() throws Exception {
        type(CTRL_D + "info" + ENTER);
        type("quit" + ENTER + "info" + ENTER);
        type("exit" + ENTER + "info" + ENTER);

        assertThat(manager.received).containsExactly("version", "version", "version");
    }

    @Test
    void helpShowsTheManagersHelpAndTheConsolesOwn() throws Exception {
        String screen = type("help" + ENTER + CTRL_D);

        assertThat(screen).contains("answer to help\nconsole:\n  quit, exit, Ctrl-D", "--wait[=SECONDS] LINE");
    }
}
