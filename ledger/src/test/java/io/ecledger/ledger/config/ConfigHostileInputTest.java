package io.ecledger.ledger.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.ecledger.ledger.command.Command;
import io.ecledger.ledger.command.ConfigVerb;
import io.ecledger.ledger.command.Names;
import io.ecledger.ledger.event.ConfigChanged;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What an attacker sends to {@code config set}/{@code unset}, and what a base file may include. */
class ConfigHostileInputTest {

    private static final String PASSWD_LINE = passwdFirstLine();

    @TempDir
    Path dir;

    private static ConfigModel manager() {
        return ConfigModel.of(Samples.parse("eccluster.conf"), ConfigSchema.standard());
    }

    private static Command.Config set(List<String> scope, String option, String value) {
        return new Command.Config(ConfigVerb.SET, scope, Optional.of(option), Optional.of(value));
    }

    private static String passwdFirstLine() {
        try {
            return Files.readAllLines(Path.of("/etc/passwd")).get(0);
        } catch (IOException | IndexOutOfBoundsException e) {
            return "root:x:0:0";
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\ninclude \"/etc/passwd\"", "Timeout\r", "Time out", "Time\u0000out", "include",
            "readonly_include", "9lives", "", "a/b", "x=y"})
    void anOptionNameOutsideTheCharacterSetIsRefusedQuotingItWithControlCharactersEscaped(String name) {
        assertThatThrownBy(() -> manager().change(set(List.of(), name, "1")))
                .isInstanceOfSatisfying(ConfigRefusedException.class, e -> {
                    assertThat(e.code()).isEqualTo("invalid-name");
                    assertThat(e.getMessage()).startsWith("config set: option name ").doesNotContain("\n", "\r", "\u0000");
                });
    }

    @Test
    void anOptionNameLongerThan255CharactersIsRefused() {
        assertThatThrownBy(() -> manager().change(set(List.of(), "a".repeat(256), "1")))
                .hasMessageContaining("at most 255 characters");
        assertThat(manager().change(set(List.of(), "a".repeat(255), "1")).option()).hasSize(255);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "'\"x\"\ninclude \"/etc/passwd\"' | a value cannot contain a newline",
            "'x\r' | a value cannot contain a newline",
            "'x\u001b[2J' | a value cannot contain control characters",
            "'\"x\" include \"/etc/passwd\"' | a value cannot contain an include",
            "'( a readonly_include b )' | a value cannot contain an include"})
    void aValueWithANewlineAControlCharacterOrAnIncludeIsRefusedBeforeAnEventExists(String value, String reason) {
        assertThatThrownBy(() -> manager().change(set(List.of(), "Server_Name", value)))
                .isInstanceOfSatisfying(ConfigRefusedException.class, e -> {
                    assertThat(e.code()).isEqualTo("invalid-value");
                    assertThat(e.getMessage()).isEqualTo("config set: the value of Server_Name refused: " + reason);
                });
    }

    @Test
    void aScopeWordWithANewlineIsRefused() {
        assertThatThrownBy(() -> manager().change(set(List.of("Control_Listener", "Listen", "/tmp/x\ninclude \"/etc/passwd\""),
                "file_mode", "0600")))
                .isInstanceOfSatisfying(ConfigRefusedException.class, e -> assertThat(e.code()).isEqualTo("invalid-scope"))
                .hasMessage("config set: scope word '/tmp/x\\ninclude \"/etc/passwd\"' refused: a scope word cannot contain a newline");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc/include", "include_path", "\"/var/log/ecelerity/include.d\""})
    void theWordIncludeInsideAnotherWordIsAnOrdinaryValue(String value) {
        assertThat(manager().change(set(List.of(), "Server_Name", value)).value()).isPresent();
    }

    @Test
    void aValueIsNeverParsedWithItsIncludesFollowed() {
        assertThatThrownBy(() -> ConfigModel.parseValue("\"x\"\ninclude \"/etc/passwd\""))
                .isInstanceOf(ConfigSyntaxException.class)
                .hasMessageContaining("include '/etc/passwd' refused: an include is allowed only in a configuration file")
                .hasMessageNotContaining(PASSWD_LINE);
    }

    @Test
    void aHostileValueAlreadyOnTheLedgerIsFoldedAsOneQuotedValueAndWrittenAsOneEntry() {
        ConfigChanged planted = new ConfigChanged(ConfigChanged.Action.SET, List.of(), "Server_Name",
                Optional.of("\"x\"\ninclude \"/etc/passwd\""));

        String written = manager().apply(planted).writeback();

        ConfigTree back = ConfigParser.parse(written, "writeback", null);
        assertThat(back.option(List.of(), "Server_Name")).map(o -> o.value().text()).isPresent();
        assertThat(written).doesNotContain("\ninclude \"/etc/passwd\"");
    }

    @Test
    void aHostileNameCannotBeOnTheLedgerAtAllSoItCanNeverBeWrittenBack() {
        // the one name rule holds in the event itself: a record carrying such a name does not decode (the projection
        // quarantines it), so the model never folds it in and writeback never meets it
        assertThatThrownBy(() -> new ConfigChanged(ConfigChanged.Action.SET, List.of(), "a\nssh-ed25519 AAAA attacker",
                Optional.of("1")))
                .isInstanceOf(Names.InvalidNameException.class)
                .hasMessageStartingWith("option name 'a?ssh-ed25519 AAAA attacker' is not valid");
    }

    @Test
    void aScopeInstanceIsWrittenQuotedAndReadsBackAsOneScope() {
        ConfigTree tree = new ConfigTree(List.of(new ConfigItem.Scope("Listen", Optional.of("/tmp/a\" {\n}\nx {"),
                List.of())));

        assertThat(ConfigParser.parse(ConfigWriter.write(tree), "mem", null)).isEqualTo(tree);
    }

    // ---- includes ---------------------------------------------------------------------------------------------

    private Path base(String text) throws IOException {
        Path conf = dir.resolve("conf");
        Files.createDirectories(conf);
        return Files.writeString(conf.resolve("eccluster.conf"), text);
    }

    @Test
    void anIncludeOfAnAbsolutePathOutsideTheDirectoryIsRefusedNamingTheRuleAndNothingOfItIsQuoted() throws IOException {
        Path base = base("include \"/etc/passwd\"\n");

        assertThatThrownBy(() -> ConfigParser.parse(base))
                .isInstanceOf(ConfigSyntaxException.class)
                .hasMessage(base + ":1:9: include '/etc/passwd' refused: includes stay inside " + base.getParent().toRealPath())
                .hasMessageNotContaining(PASSWD_LINE);
    }

    @Test
    void anIncludeThatClimbsOutWithDotDotIsRefused() throws IOException {
        Files.writeString(dir.resolve("outside.conf"), "Secret = \"s3cret\"\n");
        Path base = base("include \"../outside.conf\"\n");

        assertThatThrownBy(() -> ConfigParser.parse(base))
                .hasMessageContaining("include '../outside.conf' refused: includes stay inside")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void anIncludeOfASymlinkToOutsideIsRefused() throws IOException {
        Path base = base("include \"passwd.conf\"\n");
        Files.createSymbolicLink(base.resolveSibling("passwd.conf"), Path.of("/etc/passwd"));

        assertThatThrownBy(() -> ConfigParser.parse(base))
                .hasMessageContaining("include 'passwd.conf' refused: it is a link to outside")
                .hasMessageNotContaining(PASSWD_LINE);
    }

    @Test
    void anIncludeOfADeviceIsRefusedWithoutReadingIt() throws IOException {
        assumeThat(Files.exists(Path.of("/dev/zero"))).as("/dev/zero exists").isTrue();
        Path base = base("include \"zero.conf\"\n");
        Files.createSymbolicLink(base.resolveSibling("zero.conf"), Path.of("/dev/zero"));
        Path inside = base("include \"/dev/zero\"\n");

        assertThatThrownBy(() -> ConfigParser.parse(inside)).hasMessageContaining("refused: includes stay inside");
        // a link inside the directory to a device is still outside it
        Files.writeString(inside, "include \"zero.conf\"\n");
        assertThatThrownBy(() -> ConfigParser.parse(inside)).hasMessageContaining("refused: it is a link to outside");
    }

    @Test
    void anIncludeOfANamedPipeIsRefusedWithoutOpeningIt() throws IOException, InterruptedException {
        Path base = base("include \"pipe.conf\"\n");
        boolean made;
        try {
            made = new ProcessBuilder("mkfifo", base.resolveSibling("pipe.conf").toString()).start().waitFor() == 0;
        } catch (IOException e) {
            made = false;
        }
        assumeThat(made).as("mkfifo is available to make a named pipe").isTrue();

        assertThatThrownBy(() -> ConfigParser.parse(base))
                .hasMessage(base + ":1:9: include 'pipe.conf' refused: 'pipe.conf' is not a regular file "
                        + "(a configuration file cannot be a device, a named pipe or a directory)");
    }

    @Test
    void anIncludeOfADirectoryIsRefused() throws IOException {
        Path base = base("include \"conf.d\"\n");
        Files.createDirectories(base.resolveSibling("conf.d"));

        assertThatThrownBy(() -> ConfigParser.parse(base)).hasMessageContaining("'conf.d' is not a regular file");
    }

    @Test
    void anIncludeLargerThanTheBoundIsRefused() throws IOException {
        Path base = base("include \"big.conf\"\n");
        Files.writeString(base.resolveSibling("big.conf"), "#".repeat((int) ConfigParser.MAX_FILE_BYTES + 1));

        assertThatThrownBy(() -> ConfigParser.parse(base))
                .hasMessageContaining("include 'big.conf' refused: 'big.conf' is larger than 1048576 bytes");
    }

    @Test
    void anIncludeInASubdirectoryAndALinkInsideTheDirectoryAreRead() throws IOException {
        Path base = base("include \"conf.d/a.conf\"\ninclude \"b.conf\"\n");
        Files.createDirectories(base.resolveSibling("conf.d"));
        Files.writeString(base.resolveSibling("conf.d/a.conf"), "A = 1\n");
        Files.writeString(base.resolveSibling("conf.d/b-real.conf"), "B = 2\n");
        Files.createSymbolicLink(base.resolveSibling("b.conf"), Path.of("conf.d/b-real.conf"));

        ConfigTree tree = ConfigParser.parse(base);

        assertThat(tree.option(List.of(), "A")).isPresent();
        assertThat(tree.option(List.of(), "B")).isPresent();
    }

    @Test
    void aTextWithoutADirectoryIncludesNothing() {
        assertThatThrownBy(() -> ConfigParser.parse("include \"/etc/passwd\"\n", "mem", null))
                .hasMessage("mem:1:9: include '/etc/passwd' refused: an include is allowed only in a configuration file, "
                        + "never in a value or a change");
    }
}
