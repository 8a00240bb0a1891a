package io.ecledger.ledger.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.ecledger.ledger.event.ScopeStep;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigParserTest {

    private static final List<ScopeStep> TMP_2025 =
            List.of(ScopeStep.anonymous("Control_Listener"), ScopeStep.named("Listen", "/tmp/2025"));

    @ParameterizedTest
    @ValueSource(strings = {"eccluster.conf", "ecelerity.conf", "webui-common.conf", "conf.d/ecelerity-cluster.conf"})
    void parsingWhatTheWriterWroteGivesTheSameTree(String sample) {
        Path file = Samples.path(sample);
        ConfigTree tree = ConfigParser.parse(file);

        String written = ConfigWriter.write(tree);
        ConfigTree again = ConfigParser.parse(written, sample, file.getParent());

        assertThat(again).isEqualTo(tree);
        assertThat(ConfigWriter.write(again)).isEqualTo(written);
    }

    @Test
    void namedAndAnonymousScopesNestToAnyDepth() {
        ConfigTree tree = Samples.parse("ecelerity.conf");

        assertThat(tree.option(TMP_2025, "file_mode")).map(o -> o.value().text()).contains("0666");
        assertThat(tree.option(List.of(ScopeStep.anonymous("ESMTP_Listener"), ScopeStep.named("Peer", "127.0.0.1"),
                ScopeStep.named("Pathway", "foo")), "max_outbound_connections"))
                .map(ConfigItem.Option::comment).contains(Optional.of("# tighter for the test relay"));
        assertThat(tree.scope(List.of(ScopeStep.named("Threadpool", "IO")))).isPresent();
    }

    @Test
    void quotedStringsKeepEscapesAndHashSignsAndListsAndHashesAreValues() {
        ConfigTree tree = Samples.parse("ecelerity.conf");
        List<ScopeStep> foo = List.of(ScopeStep.anonymous("ESMTP_Listener"), ScopeStep.named("Peer", "127.0.0.1"),
                ScopeStep.named("Pathway", "foo"));

        assertThat(tree.option(foo, "Banner")).map(ConfigItem.Option::value)
                .contains(new ConfigValue.Scalar("Hello \"friend\" # not a comment\tend \\o/"));
        assertThat(tree.option(List.of(), "Relay_Hosts")).map(ConfigItem.Option::value)
                .contains(new ConfigValue.ListValue(List.of("127.0.0.1", "10.79.24.0/24", "::1")));
        assertThat(Samples.parse("eccluster.conf").option(List.of(ScopeStep.anonymous("Control_Listener")),
                "AuthDigestMD5Parameters")).map(ConfigItem.Option::value)
                .contains(new ConfigValue.HashValue(List.of(new ConfigValue.Entry("uri", "ecauth://"))));
    }

    @Test
    void theEqualsSignIsOptionalAndABraceMayOpenOnTheNextLine() {
        ConfigTree tree = Samples.parse("eccluster.conf");

        assertThat(tree.option(List.of(), "Server_Max_File_Descriptors")).map(o -> o.value().text()).contains("16384");
        assertThat(tree.option(List.of(ScopeStep.named("ec_logger", "ec_logger")), "heartbeat")).isPresent();
    }

    @Test
    void includesAreReadRelativeToTheIncludingFileAndKeptAsIncludes() {
        ConfigTree tree = Samples.parse("ecelerity.conf");

        assertThat(tree.items()).filteredOn(ConfigItem.Include.class::isInstance).singleElement()
                .extracting(i -> ((ConfigItem.Include) i).path()).isEqualTo("conf.d/ecelerity-cluster.conf");
        assertThat(tree.option(List.of(ScopeStep.anonymous("cluster")), "cluster_group"))
                .map(o -> o.value().text()).contains("\"ec_cluster\"");
        assertThat(ConfigWriter.write(tree)).contains("include \"conf.d/ecelerity-cluster.conf\"")
                .doesNotContain("ec_cluster");
        assertThat(ConfigWriter.write(tree.flatten())).contains("cluster_group = \"ec_cluster\"");
    }

    @Test
    void commentsAndBlankLinesStayWhereTheyWere() {
        String written = ConfigWriter.write(Samples.parse("eccluster.conf"));

        assertThat(written).startsWith("# eccluster.conf: the cluster manager's own configuration")
                .contains("\n\n# Security stanza\nSecurity {\n")
                .contains("Server_Max_File_Descriptors = 16384  # no '=' is fine too\n")
                .contains("    # acctlog = \"/var/log/eccluster/acctlog.ec\"\n}\n");
    }

    static Stream<Arguments> brokenFiles() {
        return Stream.of(
                arguments("unclosed-scope.conf", 5, 1, "missing '}' before the end of the file"),
                arguments("unterminated-string.conf", 2, 13, "unterminated quoted string"),
                arguments("two-values.conf", 2, 17, "unexpected 'extra' after the value of 'User' (quote values with spaces)"),
                arguments("stray-brace.conf", 2, 1, "'}' without a matching '{'"),
                arguments("missing-include.conf", 2, 9, "cannot read included file 'missing.conf'"),
                arguments("self.conf", 1, 9, "'self.conf' includes itself"),
                arguments("unclosed-list.conf", 1, 15, "list opened here is not closed with ')'"),
                arguments("missing-name.conf", 2, 3, "expected an option or a scope name, found '='"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFiles")
    void aBrokenFileIsRefusedNamingFileLineAndColumn(String name, int line, int column, String reason) {
        Path file = Samples.path("broken/" + name);

        assertThatThrownBy(() -> ConfigParser.parse(file))
                .isInstanceOfSatisfying(ConfigSyntaxException.class, e -> {
                    assertThat(e.source()).isEqualTo(file.toString());
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.column()).isEqualTo(column);
                    assertThat(e.reason()).startsWith(reason);
                })
                .hasMessageStartingWith(file + ":" + line + ":" + column + ": " + reason);
    }

    @Test
    void anErrorInAnIncludedFileNamesThatFile() {
        assertThatThrownBy(() -> ConfigParser.parse(Samples.path("broken/outer.conf")))
                .isInstanceOf(ConfigSyntaxException.class)
                .hasMessage("../broken/inner-bad.conf:3:15: expected a value for 'Debug_Level', found end of line");
    }

    @Test
    void everyItemAndValueKindIsWrittenAndReadBack() {
        List<ConfigItem> items = List.of(
                new ConfigItem.Comment("# top"),
                new ConfigItem.Blank(),
                new ConfigItem.Option("a", new ConfigValue.Scalar("x y"), Optional.of("# why")),
                new ConfigItem.Option("b", new ConfigValue.ListValue(List.of("1", "two words")), Optional.empty()),
                new ConfigItem.Option("c", new ConfigValue.HashValue(List.of(new ConfigValue.Entry("k", "v\"q"))),
                        Optional.empty()),
                new ConfigItem.Scope("S", Optional.of("in \"stance\""), List.of(
                        new ConfigItem.Scope("T", Optional.empty(), List.of(new ConfigItem.Option("e",
                                new ConfigValue.Scalar(""), Optional.empty())))
                )));
        ConfigTree tree = new ConfigTree(items);
        for (Class<?> kind : ConfigItem.class.getPermittedSubclasses()) {
            if (kind != ConfigItem.Include.class) {
                assertThat(items).as("sample of %s", kind.getSimpleName()).anyMatch(kind::isInstance);
            }
        }

        assertThat(ConfigParser.parse(ConfigWriter.write(tree), "mem", null)).isEqualTo(tree);
    }
}
