package io.ecledger.ledger.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecledger.ledger.command.Command;
import io.ecledger.ledger.command.Grammar;
import io.ecledger.ledger.event.ConfigChanged;
import io.ecledger.ledger.event.ScopeStep;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigModelTest {

    private static final Grammar GRAMMAR = Grammar.standard();

    private static ConfigModel node() {
        return ConfigModel.of(Samples.parse("ecelerity.conf"), ConfigSchema.standard());
    }

    private static ConfigModel manager() {
        return ConfigModel.of(Samples.parse("eccluster.conf"), ConfigSchema.standard());
    }

    private static Command.Config config(String line) {
        return (Command.Config) GRAMMAR.parse(line).orThrow();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "config get ESMTP_Listener Peer 127.0.0.1 Pathway foo Max_Outbound_Connections | Max_Outbound_Connections = 20",
            "config eval ESMTP_Listener Peer 127.0.0.1 Pathway foo Max_Outbound_Connections | Max_Outbound_Connections = 20  # set here",
            "config get ESMTP_Listener Peer 127.0.0.1 Max_Outbound_Connections | Max_Outbound_Connections is not set in ESMTP_Listener Peer \"127.0.0.1\"",
            "config eval ESMTP_Listener Peer 127.0.0.1 Max_Outbound_Connections | Max_Outbound_Connections = 20000  # from (global)",
            "config get control_listener listen /tmp/2025 FILE_MODE | file_mode = 0666",
            "config get Control_Listener Timeout | Timeout is not set in Control_Listener",
            "config eval Control_Listener Listen /tmp/2025 Timeout | Timeout = 60  # default",
            "config eval Control_Listener Listen /tmp/2025 Frobnicate | Frobnicate is not set and has no default",
            "config eval Server_Name | Server_Name = \"rh52bare\"  # set here",
    })
    void getReadsExactlyThatScopeAndEvalFallsBackToEnclosingScopesThenTheDefault(String line, String answer) {
        assertThat(node().answer(config(line))).isEqualTo(answer);
    }

    @Test
    void evalFallsBackToTheNearestEnclosingScopeThatSetsIt() {
        ConfigModel model = node().apply(node().change(config("config set Control_Listener Timeout 30")));

        assertThat(model.answer(config("config eval Control_Listener Listen /tmp/2025 Timeout")))
                .isEqualTo("Timeout = 30  # from Control_Listener");
    }

    @Test
    void setProducesAValidatedEventAndApplyingItChangesGet() {
        ConfigChanged change = node().change(config("config set Control_Listener Listen \"/tmp/2025\" file_mode = 0600"));

        assertThat(change).isEqualTo(new ConfigChanged(ConfigChanged.Action.SET,
                List.of(ScopeStep.anonymous("Control_Listener"), ScopeStep.named("Listen", "/tmp/2025")),
                "file_mode", Optional.of("0600")));
        assertThat(node().apply(change).answer(config("config get Control_Listener Listen /tmp/2025 file_mode")))
                .isEqualTo("file_mode = 0600");
    }

    @Test
    void unsetRemovesTheSettingSoEvalFallsBack() {
        ConfigModel model = node();
        ConfigModel unset = model.apply(model.change(config("config unset ESMTP_Listener Peer 127.0.0.1 Pathway foo Max_Outbound_Connections")));

        assertThat(unset.answer(config("config eval ESMTP_Listener Peer 127.0.0.1 Pathway foo Max_Outbound_Connections")))
                .isEqualTo("Max_Outbound_Connections = 20000  # from (global)");
        assertThat(unset.apply(new ConfigChanged(ConfigChanged.Action.UNSET, List.of(), "Nothing", Optional.empty()))
                .tree()).isEqualTo(unset.tree());
    }

    @Test
    void settingInAMissingButValidScopeCreatesIt() {
        ConfigModel model = node();
        ConfigModel set = model.apply(model.change(config("config set ESMTP_Listener Peer 10.0.0.9 Pathway slow Max_Outbound_Connections 2")));

        assertThat(set.answer(config("config locate Pathway"))).isEqualTo("""
                ESMTP_Listener Peer "127.0.0.1" Pathway "foo"
                ESMTP_Listener Pathway_Group "bulk" Pathway "bar"
                ESMTP_Listener Peer "10.0.0.9" Pathway "slow\"""");
        assertThat(set.answer(config("config locate Pathway ^b"))).isEqualTo("ESMTP_Listener Pathway_Group \"bulk\" Pathway \"bar\"");
    }

    @Test
    void unknownOptionsInAKnownScopeAreAcceptedAsStrings() {
        ConfigChanged change = node().change(config("config set ESMTP_Listener my_module_option \"x y\""));

        assertThat(change.value()).contains("\"x y\"");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "config set Control_Listener Timeout soon | invalid-value | config set: Timeout takes a whole number of seconds, not \"soon\"",
            "config set Control_Listener Listen /tmp/2025 file_mode 999 | invalid-value | config set: file_mode takes an octal file mode such as 0640, not 999",
            "config set Keep_Message_Dicts_In_Memory maybe | invalid-value | config set: Keep_Message_Dicts_In_Memory takes true or false, not \"maybe\"",
            "config set Control_Listener AuthDigestMD5Parameters x | invalid-value | config set: AuthDigestMD5Parameters takes a hash such as [ uri = \"ecauth://\" ], not \"x\"",
            "config set Nosuch_Listener Timeout 5 | unknown-scope | unknown scope 'Nosuch_Listener' in (global)",
            "config set Control_Listener Peer 1.2.3.4 Timeout 5 | unknown-scope | a Peer scope cannot be in Control_Listener",
            "config unset Control_Listener Listen Timeout | unknown-scope | scope Listen needs an instance name, e.g. Listen \"name\"",
            "config set Control_Listener Listen Timeout | invalid-option | config set: Listen is a scope, not an option",
            "config set ESMTP_Listener Timeout 5 | invalid-scope | config set: option Timeout is not valid in ESMTP_Listener; it is valid in control_listener, listen",
            "config set Relay_Hosts \"( a\" | invalid-value | config set: the value of Relay_Hosts does not parse: list opened here is not closed with ')'",
    })
    void aWrongTypedValueOrAnUnknownScopeIsRefusedWithAClearMessage(String line, String code, String message) {
        assertThatThrownBy(() -> node().change(config(line)))
                .isInstanceOfSatisfying(ConfigRefusedException.class, e -> assertThat(e.code()).isEqualTo(code))
                .hasMessage(message);
    }

    @Test
    void showListsTheOptionsOfOneScopeOrOneOptionAndShowrecurseEverythingNested() {
        ConfigModel model = manager();

        assertThat(model.answer(config("config show Logs"))).isEqualTo("""
                logfile = "/var/log/eccluster/%Y/%m/%d/%{l}/%{s}/%{n}"
                file_mode = 0640
                dir_mode = 0755""");
        assertThat(model.answer(config("config show Logs dir_mode"))).isEqualTo("dir_mode = 0755");
        assertThat(model.answer(config("config showrecurse Control_Listener Listen /tmp/2025"))).isEqualTo("""
                Listen "/tmp/2025" {
                    Enable_Authentication = "false"
                    file_mode = 0666
                }
                """);
        assertThatThrownBy(() -> model.answer(config("config show Control_Listener Listen /tmp/9999")))
                .isInstanceOf(ConfigRefusedException.class)
                .hasMessage("Control_Listener Listen \"/tmp/9999\" is not in the configuration");
    }

    @Test
    void showMarksEveryOptionTheProgramDoesNotActOnWhenItsTableSaysWhatItActsOn() {
        ConfigModel model = ConfigModel.of(Samples.parse("eccluster.conf"), ConfigSchema.standard().actingOn(Map.of(
                "Control_Listener Enable_Authorization", OptionEffect.ON_RESTART,
                "control_listener  LISTEN file_mode", OptionEffect.ON_RESTART)));

        assertThat(model.answer(config("config show Control_Listener"))).isEqualTo("""
                AuthDigestMD5Parameters = [ "uri" = "ecauth://" ]  # not acted on
                Enable_Authentication = "true"  # not acted on
                Enable_Authorization = "false\"""");
        assertThat(model.answer(config("config show Control_Listener Listen /tmp/2025"))).isEqualTo("""
                Enable_Authentication = "false"  # not acted on
                file_mode = 0666""");
        assertThat(model.answer(config("config show Server_Max_File_Descriptors")))
                .isEqualTo("Server_Max_File_Descriptors = 16384  # not acted on");
        assertThat(model.schema().effect(List.of(ScopeStep.anonymous("Control_Listener"),
                ScopeStep.named("Listen", "/tmp/x")), "FILE_MODE")).contains(OptionEffect.ON_RESTART);
        assertThat(ConfigSchema.standard().effect(List.of(), "Server_Name")).as("a node's table says nothing").isEmpty();
    }

    @Test
    void writebackKeepsTheBaseCommentsAndReparsesToTheFoldedTree() {
        ConfigModel model = manager();
        model = model.apply(model.change(config("config set Control_Listener Timeout 120")));
        model = model.apply(model.change(config("config set Control_Listener Listen /tmp/2025 file_mode 0600")));
        model = model.apply(model.change(config("config unset Keep_Message_Dicts_In_Memory")));

        String written = model.writeback();
        ConfigTree reparsed = ConfigParser.parse(written, "writeback", null);

        assertThat(reparsed).isEqualTo(model.tree());
        assertThat(written).contains("# Security stanza\n", "# troubleshoot the eccmgr instance",
                "    Timeout = 120\n", "        file_mode = 0600\n", "Server_Name = \"eccmgr\"")
                .doesNotContain("Keep_Message_Dicts_In_Memory");
    }

    @Test
    void historyListsEveryChangeOfThatOptionWithOffsetTimeActorAndOrigin() {
        ConfigModel model = manager();
        ConfigChanged set = model.change(config("config set Control_Listener Timeout 120"));
        ConfigChanged unset = model.change(config("config unset Control_Listener Timeout"));
        ConfigChanged other = model.change(config("config set Server_Name x"));
        List<ConfigHistoryEntry> entries = List.of(
                new ConfigHistoryEntry(3, Instant.parse("2025-01-02T03:04:05Z"), "alice", "REST", set),
                new ConfigHistoryEntry(4, Instant.parse("2025-01-02T03:04:06Z"), "bob", "CONSOLE", other),
                new ConfigHistoryEntry(7, Instant.parse("2025-01-02T03:05:00Z"), "bob", "CONSOLE", unset));

        assertThat(model.history(config("config history control_listener timeout"), entries)).isEqualTo("""
                3 2025-01-02T03:04:05Z alice REST set Timeout = 120
                7 2025-01-02T03:05:00Z bob CONSOLE unset Timeout""");
        assertThat(model.history(config("config history Control_Listener Listen /tmp/2025 Timeout"), entries))
                .isEqualTo("no changes of Timeout in Control_Listener Listen \"/tmp/2025\" on the ledger");
    }

    @Test
    void everyValueKindHasATypeCheckAndEveryTypeDescribesItself() {
        for (OptionType type : OptionType.values()) {
            assertThat(type.description()).isNotBlank();
        }
        assertThat(OptionType.STRING.problem(new ConfigValue.ListValue(List.of("a")))).isEmpty();
        assertThat(OptionType.INTEGER.problem(new ConfigValue.ListValue(List.of("1")))).isPresent();
        assertThat(OptionType.SECONDS.problem(new ConfigValue.Scalar("60"))).isEmpty();
    }

    @Test
    void everyOptionInTheSamplesIsKnown() {
        ConfigSchema schema = ConfigSchema.standard();
        for (String sample : List.of("eccluster.conf", "ecelerity.conf")) {
            assertThat(names(Samples.parse(sample).flatten().items()))
                    .allSatisfy(name -> assertThat(schema.option(name).isPresent() || schema.scope(name).isPresent())
                            .as("%s in %s", name, sample).isTrue());
        }
        assertThat(schema.option("Timeout")).get().satisfies(o -> {
            assertThat(o.type()).isEqualTo(OptionType.SECONDS);
            assertThat(o.defaultValue()).contains(new ConfigValue.Scalar("60"));
            assertThat(o.validIn("Control_Listener")).isTrue();
        });
    }

    private static List<String> names(List<ConfigItem> items) {
        return items.stream().flatMap(item -> {
            if (item instanceof ConfigItem.Option o) {
                return java.util.stream.Stream.of(o.name());
            }
            if (item instanceof ConfigItem.Scope s) {
                return java.util.stream.Stream.concat(java.util.stream.Stream.of(s.name()), names(s.items()).stream());
            }
            return java.util.stream.Stream.empty();
        }).toList();
    }
}
