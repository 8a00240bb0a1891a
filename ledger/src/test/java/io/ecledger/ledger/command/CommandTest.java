package io.ecledger.ledger.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CommandTest {

    private static final Grammar GRAMMAR = Grammar.standard();

    static Stream<Arguments> verbs() {
        return Stream.of(
                arguments("BROADCAST x", "broadcast", true),
                arguments("Subcluster BROADCAST east x", "subcluster broadcast", true),
                arguments("UNICAST n x", "unicast", true),
                arguments("Retrieve x", "retrieve", false),
                arguments("subcluster Retrieve east x", "subcluster retrieve", false),
                arguments("Retrieve_Node n x", "retrieve_node", false),
                arguments("Flush Control Cache", "flush control cache", true),
                arguments("HELP", "help", false),
                arguments("Info", "info", false),
                arguments("Show Cluster Membership", "show cluster membership", false),
                arguments("Shutdown", "shutdown", false),
                arguments("VERSION", "version", false),
                arguments("Audit Verify", "audit verify", false),
                arguments("History --actor alice", "history", false),
                arguments("History Show 7", "history", false),
                arguments("Replay 1..2", "replay", true),
                arguments("Replay 1..2 --dry-run", "replay", false),
                arguments("Config GET o", "config get", false),
                arguments("Config EVAL o", "config eval", false),
                arguments("Config SET o v", "config set", true),
                arguments("Config UNSET o", "config unset", true),
                arguments("Config SHOW", "config show", false),
                arguments("Config SHOWRECURSE", "config showrecurse", false),
                arguments("Config LOCATE Listen", "config locate", false),
                arguments("Config WRITEBACK", "config writeback", false),
                arguments("Config HISTORY o", "config history", false));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("verbs")
    void verbIsTheCanonicalLowerCaseWordsAndOnlyLedgerCommandsChangeTheCluster(
            String line, String verb, boolean changesCluster) {
        Command command = GRAMMAR.parse(line).orThrow();
        assertThat(command.verb()).isEqualTo(verb);
        assertThat(command.changesCluster()).isEqualTo(changesCluster);
    }

    @Test
    void replayRangeMustNotEndBeforeItStarts() {
        assertThatThrownBy(() -> new Command.Replay(5, 4, Optional.empty(), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5..4");
    }

    @Test
    void sendNeedsCommandText() {
        assertThatThrownBy(() -> new Command.Send(new Target.Broadcast(), " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("command text");
    }

    @Test
    void configGetWithoutOptionIsRefusedByTheRecord() {
        assertThatThrownBy(() -> new Command.Config(ConfigVerb.GET, List.of(), Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("config get needs an option name");
    }

    @Test
    void configValueOnlyBelongsToSet() {
        assertThatThrownBy(() -> new Command.Config(ConfigVerb.UNSET, List.of(), Optional.of("o"), Optional.of("v")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("config unset takes no value");
        assertThatThrownBy(() -> new Command.Config(ConfigVerb.SET, List.of(), Optional.of("o"), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("config set needs a value");
    }

    @Test
    void configLocateNeedsExactlyOneScopeWord() {
        assertThatThrownBy(() -> new Command.Config(ConfigVerb.LOCATE, List.of(), Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exactly one scope word");
    }

    @Test
    void configScopeWordsAreCopied() {
        List<String> scope = new java.util.ArrayList<>(List.of("Listen"));
        Command.Config config = new Command.Config(ConfigVerb.SHOW, scope, Optional.empty(), Optional.empty());
        scope.add("later");
        assertThat(config.scopeWords()).containsExactly("Listen");
    }

    @Test
    void helpTopicIsAbsentRatherThanBlank() {
        assertThatThrownBy(() -> new Command.Help(Optional.of("  "))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void specWordsMustBeLowerCaseSingleWords() {
        assertThatThrownBy(() -> new CommandSpec(List.of("Info"), List.of(), "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CommandSpec(List.of("a b"), List.of(), "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CommandSpec(List.of(), List.of(), "x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new CommandSpec(List.of("subcluster", "broadcast"),
                List.of(new Slot.SubclusterName(), new Slot.NodeCommand()), "x").usage())
                .isEqualTo("subcluster broadcast NAME COMMAND");
    }

    @Test
    void rejectedResultCarriesMessageAndPositionIntoTheException() {
        assertThatThrownBy(() -> new ParseResult.Rejected("info: unexpected 'xyz'", 5).orThrow())
                .isInstanceOfSatisfying(CommandRejectedException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("info: unexpected 'xyz'");
                    assertThat(e.position()).isEqualTo(5);
                });
    }
}
