package io.ecledger.ledger.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GrammarRoundTripTest {

    private static final Grammar GRAMMAR = Grammar.standard();

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("io.ecledger.ledger.command.GrammarTest#accepted")
    void everyAcceptedCommandParsesBackFromTheLineWrittenForIt(String line, Command command) {
        assertThat(GRAMMAR.parse(GRAMMAR.line(command))).as(GRAMMAR.line(command))
                .isEqualTo(new ParseResult.Parsed(command));
    }

    static Stream<Arguments> lines() {
        return Stream.of(
                arguments(new Command.Send(new Target.Subcluster("east"), "config reload"),
                        "subcluster broadcast east config reload"),
                arguments(new Command.Retrieve(new Target.Unicast("rh52bare"), "version", Optional.of(new AsOf.Offset(7))),
                        "retrieve_node --at 7 rh52bare version"),
                arguments(new Command.AuditVerify(false), "audit verify"),
                arguments(new Command.Config(ConfigVerb.SET, List.of("Listen", "/tmp/a b"), Optional.of("="),
                        Optional.of("say \"hi\" \\o/")), "config set Listen \"/tmp/a b\" \"=\" \"say \\\"hi\\\" \\\\o/\""),
                arguments(new Command.Config(ConfigVerb.SET, List.of(), Optional.of("Banner"), Optional.of("")),
                        "config set Banner \"\""),
                arguments(new Command.History(new HistoryFilter.Builder().set("--since", "2w").set("--text", "a b")
                        .set("--limit", "20").build()), "history --since 2w --text \"a b\""),
                arguments(new Command.History(new HistoryFilter(Optional.empty(),
                        Optional.of(HistoryFilter.TimeBound.ago(Duration.ofMinutes(90))), Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                        20, 2, true)), "history --since 90m --page 2 --oldest-first"),
                arguments(new Command.HistoryShow(42), "history show 42"),
                arguments(new Command.Replay(3, 3, Optional.of(new Target.Subcluster("west")), true),
                        "replay 3 to subcluster west --dry-run"),
                arguments(new Command.Replay(3, 17, Optional.empty(), false), "replay 3..17"),
                arguments(new Command.Send(new Target.Broadcast(), "version", new SendOptions(
                        Optional.of(new SendOptions.Share(10, true)), Optional.of(Duration.ofSeconds(120)),
                        Optional.empty(), false)), "broadcast --batch 10% --batch-wait 2m version"),
                arguments(new Command.Cancel(Optional.empty(), Optional.of("config reload")),
                        "cancel latest config reload"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("lines")
    void aCommandIsWrittenAsTheShortestLineItsSlotsAllow(Command command, String line) {
        assertThat(GRAMMAR.line(command)).isEqualTo(line);
        assertThat(GRAMMAR.parse(line)).isEqualTo(new ParseResult.Parsed(command));
    }

    @Test
    void everyMutatedLineThatParsesParsesBackFromItsWrittenLine() {
        Random random = new Random(7L);
        List<String> lines = GrammarTest.accepted().map(row -> (String) row.get()[0]).toList();
        List<String> pieces = List.of(" ", "\"", "\"a b\"", "\\", "=", "--at 3", "--dry-run", "to node x", "show",
                "--oldest-first", "--limit 7", "--since 1d", "x", "\t");
        int parsed = 0;
        for (int i = 0; i < 20_000; i++) {
            String line = lines.get(random.nextInt(lines.size()));
            int at = random.nextInt(line.length() + 1);
            String mutated = line.substring(0, at) + pieces.get(random.nextInt(pieces.size())) + line.substring(at);
            ParseResult result = GRAMMAR.parse(mutated);
            if (result instanceof ParseResult.Parsed) {
                Command command = result.orThrow();
                assertThat(GRAMMAR.parse(GRAMMAR.line(command))).as("%s written as %s", mutated, GRAMMAR.line(command))
                        .isEqualTo(result);
                parsed++;
            }
        }
        assertThat(parsed).as("mutated lines that still parse").isGreaterThan(1000);
    }

    @Test
    void helpTextIsByteForByteTheTextTheUsageStringsGaveBeforeSlots() throws IOException {
        assertThat(GRAMMAR.helpText()).isEqualTo(resource("help.txt"));
        StringBuilder topics = new StringBuilder();
        for (String topic : List.of("subcluster", "config", "config set", "history", "retrieve", "x")) {
            topics.append("==").append(topic).append('\n').append(GRAMMAR.helpText(topic));
        }
        assertThat(topics.toString()).isEqualTo(resource("topics.txt"));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = GrammarRoundTripTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
