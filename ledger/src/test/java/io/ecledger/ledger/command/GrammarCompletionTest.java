package io.ecledger.ledger.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GrammarCompletionTest {

    private static final Grammar GRAMMAR = Grammar.standard();
    private static final CompletionData LIVE = new CompletionData(List.of("rh52bar2", "rh52bare", "rh52mgr"),
            List.of("east", "west"), List.of("sieve:sieve1 flush cache", "cluster duravip announce view"));

    static Stream<Arguments> completions() {
        return Stream.of(
                arguments("bro", List.of("broadcast")),
                arguments("subcluster ", List.of("broadcast", "retrieve")),
                arguments("retrieve", List.of("retrieve", "retrieve_node")),
                arguments("unicast rh52ba", List.of("rh52bar2", "rh52bare")),
                arguments("UNICAST rh52ba", List.of("rh52bar2", "rh52bare")),
                arguments("retrieve_node ", List.of("rh52bar2", "rh52bare", "rh52mgr")),
                arguments("subcluster retrieve ", List.of("east", "west")),
                arguments("subcluster broadcast w", List.of("west")),
                arguments("unicast rh52mgr ", List.of()),
                arguments("broadcast ", List.of()),
                arguments("retrieve cl", List.of("cluster duravip announce view")),
                arguments("retrieve cluster duravip a", List.of("announce view")),
                arguments("retrieve_node rh52mgr sie", List.of("sieve:sieve1 flush cache")),
                arguments("subcluster retrieve west ", List.of("sieve:sieve1 flush cache", "cluster duravip announce view")),
                arguments("retrieve --at 7 cl", List.of("cluster duravip announce view")),
                arguments("retrieve_node --at 7 rh52m", List.of("rh52mgr")),
                arguments("retrieve_node --at ", List.of()),
                arguments("retrieve_node --", List.of("--at")),
                arguments("show cluster membership -", List.of("--at")),
                arguments("audit verify --f", List.of("--from-checkpoint")),
                arguments("audit verify --from-checkpoint ", List.of()),
                arguments("help sub", List.of("subcluster")),
                arguments("help subcluster ", List.of("broadcast", "retrieve")),
                arguments("history ", List.of("show")),
                arguments("history --node rh52m", List.of("rh52mgr")),
                arguments("history --subcluster ", List.of("east", "west")),
                arguments("history --status e", List.of("error", "expired")),
                arguments("history --status d", List.of("denied")),
                arguments("history --origin co", List.of("console", "control_listener")),
                arguments("history --actor ", List.of()),
                arguments("history --o", List.of("--origin", "--oldest-first")),
                arguments("replay ", List.of()),
                arguments("replay 3..5 ", List.of("to")),
                arguments("replay 3..5 -", List.of("--dry-run")),
                arguments("replay 3..5 to ", List.of("broadcast", "subcluster", "node")),
                arguments("replay 3..5 to node rh52ba", List.of("rh52bar2", "rh52bare")),
                arguments("replay 3..5 to subcluster e", List.of("east")),
                arguments("replay 3..5 to broadcast ", List.of()),
                arguments("config get ", List.of()),
                arguments("info ", List.of()),
                arguments("nosuch ", List.of()),
                arguments("flush x", List.of()));
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @MethodSource("completions")
    void completionOffersWhatTheSlotAtTheCursorTakes(String prefix, List<String> expected) {
        assertThat(GRAMMAR.complete(prefix, LIVE)).containsExactlyElementsOf(expected);
    }

    static Stream<Arguments> verbPrefixes() {
        return GrammarTest.completions().filter(row -> !((List<?>) row.get()[1]).isEmpty());
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @MethodSource("verbPrefixes")
    void whileTheVerbIsTypedCompletionOffersTheVerbWords(String prefix, List<String> expected) {
        assertThat(GRAMMAR.complete(prefix, LIVE)).containsExactlyElementsOf(expected);
    }
}
