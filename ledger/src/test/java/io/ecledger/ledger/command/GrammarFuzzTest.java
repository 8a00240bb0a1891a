package io.ecledger.ledger.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class GrammarFuzzTest {

    private static final Grammar GRAMMAR = Grammar.standard(200);
    private static final Set<String> SPEC_VERBS =
            GRAMMAR.specs().stream().map(CommandSpec::verb).collect(Collectors.toSet());

    // Pieces that reach the parser's corners: every verb word, quotes, escapes, '=', odd whitespace and names.
    private static final List<String> PIECES = List.of(
            "broadcast", "subcluster", "unicast", "retrieve", "retrieve_node", "flush", "control", "cache", "help",
            "info", "show", "cluster", "membership", "shutdown", "version", "config", "get", "eval", "set", "unset",
            "showrecurse", "locate", "SUBCLUSTER", "Config", "rh52bare", "east", "bad/name", "-x", "Listen",
            "\"", "\"a b\"", "\\", "\\\"", "\\\\", "=", "\"=\"", "\"\"", " ", "  ", "\t", "\r", "\n", "\r\n",
            "\u0000", "\u2028", "\u0085", "é", "\uD83D\uDE00", "\uD800", "x".repeat(64), "x".repeat(250));

    @Test
    void thousandsOfRandomLinesNeverThrowAndAlwaysGiveAWellFormedResult() {
        Random random = new Random(20250517L);
        for (int i = 0; i < 20_000; i++) {
            String line = randomLine(random);
            assertThatCode(() -> check(line)).as("line %s", quoted(line)).doesNotThrowAnyException();
        }
    }

    @Test
    void mutatedAcceptedLinesNeverThrow() {
        Random random = new Random(42L);
        List<String> lines = GrammarTest.accepted().map(row -> (String) row.get()[0]).toList();
        for (int i = 0; i < 20_000; i++) {
            String line = lines.get(random.nextInt(lines.size()));
            int at = random.nextInt(line.length() + 1);
            String mutated = random.nextBoolean()
                    ? line.substring(0, at)
                    : line.substring(0, at) + PIECES.get(random.nextInt(PIECES.size())) + line.substring(at);
            assertThatCode(() -> check(mutated)).as("line %s", quoted(mutated)).doesNotThrowAnyException();
        }
    }

    private static void check(String line) {
        ParseResult result = GRAMMAR.parse(line);
        if (result instanceof ParseResult.Parsed) {
            Command command = ((ParseResult.Parsed) result).command();
            assertThat(SPEC_VERBS).as("verb of %s", command).contains(command.verb());
        } else if (result instanceof ParseResult.Rejected) {
            ParseResult.Rejected rejected = (ParseResult.Rejected) result;
            assertThat(rejected.message()).isNotBlank();
            assertThat(rejected.position()).isBetween(0, line.length());
        } else {
            throw new AssertionError("unknown result " + result);
        }
    }

    private static String randomLine(Random random) {
        StringBuilder line = new StringBuilder();
        int pieces = random.nextInt(8);
        for (int p = 0; p < pieces; p++) {
            if (random.nextInt(4) == 0) {
                line.append((char) random.nextInt(0x3000));
            } else {
                line.append(PIECES.get(random.nextInt(PIECES.size())));
            }
            if (random.nextBoolean()) {
                line.append(' ');
            }
        }
        return line.toString();
    }

    private static String quoted(String line) {
        return line.chars().mapToObj(c -> c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : String.valueOf((char) c))
                .collect(Collectors.joining("", "\"", "\""));
    }
}
