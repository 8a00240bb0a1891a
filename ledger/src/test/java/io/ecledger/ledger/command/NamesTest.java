package io.ecledger.ledger.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecledger.ledger.event.ConfigChanged;
import io.ecledger.ledger.event.Events;
import io.ecledger.ledger.event.Hash;
import io.ecledger.ledger.event.LedgerEvent;
import io.ecledger.ledger.event.NodeIdentity;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one name rule: what keeps it, what breaks it, and that no record can hold a name that breaks it. */
class NamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"alice", "anonymous@127.0.0.1", "anonymous@0:0:0:0:0:0:0:1", "anonymous@[::1]", "uid:1000",
            "rh52bare.example.com", "0.1.0-SNAPSHOT+build.7", "Control_Listener", "unknown@control"})
    void actorsHostsVersionsAndOptionsAsTheyAreWrittenKeepTheRule(String name) {
        assertThat(Names.isWord(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "new\nline", "quote'd", "a/b", "ünïcode", "semi;colon"})
    void namesWithOtherCharactersBreakTheRule(String name) {
        assertThat(Names.isWord(name)).isFalse();
    }

    @Test
    void theLengthCapIs255() {
        assertThat(Names.isWord("a".repeat(255))).isTrue();
        assertThat(Names.refusal("actor", "a".repeat(256))).contains("actor name '" + "a".repeat(64)
                + "... (256 characters)' is not valid: at most 255 characters of letters, digits, '.', '_', '-', '@', "
                + "':', '+', '[' or ']'");
    }

    @Test
    void aShownNameIsOneLineOfPrintableAsciiCutWithItsLength() {
        assertThat(Names.shown("evil\nline\u0000")).isEqualTo("evil?line?");
        assertThat(Names.shown("n".repeat(300))).isEqualTo("n".repeat(64) + "... (300 characters)");
    }

    @Test
    void everyRecordRefusesANameThatBreaksTheRuleSoNoneCanBeWritten() {
        assertThatThrownBy(() -> new NodeIdentity("rh52bare", "east", "h".repeat(256), "0.1.0"))
                .isInstanceOf(Names.InvalidNameException.class).hasMessageStartingWith("host name 'hhhh");
        assertThatThrownBy(() -> new NodeIdentity("rh52bare", "east", "rh52bare", "1.0 beta"))
                .hasMessageStartingWith("version name '1.0 beta' is not valid");
        assertThatThrownBy(() -> new NodeIdentity("n".repeat(300), "east", "rh52bare", "1.0"))
                .isInstanceOf(Names.InvalidNameException.class)
                .hasMessageStartingWith("node name '" + "n".repeat(64) + "... (300 characters)' is not valid");
        assertThatThrownBy(() -> new ConfigChanged(ConfigChanged.Action.UNSET, List.of(), "Debug\nFlags", Optional.empty()))
                .hasMessageStartingWith("option name 'Debug?Flags' is not valid");
        assertThatThrownBy(() -> new LedgerEvent(UUID.randomUUID(), Events.T0, "a".repeat(256), Origin.REST, Hash.ZERO,
                Hash.ZERO, Events.broadcast("version")))
                .isInstanceOf(Names.InvalidNameException.class).hasMessageStartingWith("actor name 'aaaa");
    }

    @Test
    void theCauseOfAFailedDecodeSaysWhichNameBrokeTheRule() {
        Names.InvalidNameException invalid = new Names.InvalidNameException("node", "x y", Names.NODE_RULE);

        assertThat(Names.InvalidNameException.causeOf(new RuntimeException("decode", invalid))).contains(invalid);
        assertThat(Names.InvalidNameException.causeOf(new RuntimeException("garbage"))).isEmpty();
        assertThat(invalid.kind()).isEqualTo("node");
        assertThat(invalid.value()).isEqualTo("x y");
    }

    @Test
    void theRulesAcceptExactlyWhatTheirRegularExpressionsAccept() {
        java.util.regex.Pattern node = java.util.regex.Pattern.compile(
                "[A-Za-z0-9][A-Za-z0-9._-]{0," + (Names.MAX_NODE_LENGTH - 1) + "}");
        java.util.regex.Pattern word = java.util.regex.Pattern.compile("[A-Za-z0-9._@:+\\[\\]-]{1," + Names.MAX_LENGTH + "}");
        List<String> names = new java.util.ArrayList<>(List.of("", "a", "-a", ".a", "_a", "a-", "a.b_c", "[::1]", "a b",
                "a\u0000", "é", "a/b", "x".repeat(63), "x".repeat(64), "x".repeat(255), "x".repeat(256), "Z9", "@", "+",
                "\\", "a^b", "`", "{", "~"));
        for (char c = 0; c < 256; c++) {
            names.add(String.valueOf(c));
            names.add("a" + c);
        }
        for (String name : names) {
            assertThat(Names.isValid(name)).as("node name %s", name).isEqualTo(node.matcher(name).matches());
            assertThat(Names.isWord(name)).as("word %s", name).isEqualTo(word.matcher(name).matches());
        }
    }
}
