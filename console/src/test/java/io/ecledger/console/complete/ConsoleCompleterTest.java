package io.ecledger.console.complete;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecledger.ledger.command.CompletionData;
import io.ecledger.ledger.command.Grammar;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jline.reader.Candidate;
import org.junit.jupiter.api.Test;

class ConsoleCompleterTest {

    private final ConsoleCompleter completer = new ConsoleCompleter(Grammar.standard(), () -> new CompletionData(
            List.of("rh52bar2", "rh52bare", "rh52mgr"), List.of("east", "west"),
            List.of("sieve:sieve1 flush cache", "cluster duravip announce view")));

    private List<String> complete(String before) {
        return completer.candidates(before).stream().map(Candidate::value).toList();
    }

    @Test
    void verbWordsComeFromTheGrammar() {
        assertThat(complete("bro")).containsExactly("broadcast");
        assertThat(complete("subcluster ")).containsExactly("broadcast", "retrieve");
        assertThat(complete("retrieve")).containsExactly("retrieve", "retrieve_node");
    }

    @Test
    void liveNamesFollowTheVerbsThatTakeThem() {
        assertThat(complete("unicast rh52ba")).containsExactly("rh52bar2", "rh52bare");
        assertThat(complete("retrieve_node ")).containsExactly("rh52bar2", "rh52bare", "rh52mgr");
        assertThat(complete("subcluster retrieve ")).containsExactly("east", "west");
        assertThat(complete("unicast rh52mgr ")).isEmpty();
    }

    @Test
    void broadcastCommandsCompleteFromTheWordBeingTyped() {
        assertThat(complete("retrieve cl")).containsExactly("cluster duravip announce view");
        assertThat(complete("retrieve cluster duravip a")).containsExactly("announce view");
        assertThat(complete("retrieve_node rh52mgr sie")).containsExactly("sieve:sieve1 flush cache");
        assertThat(complete("subcluster retrieve west ")).hasSize(2);
    }

    @Test
    void aLeadingWaitOptionIsSkipped() {
        assertThat(complete("--wait=5 bro")).containsExactly("broadcast");
        assertThat(complete("--wait unicast rh52m")).containsExactly("rh52mgr");
    }

    @Test
    void verbWordsCompleteWithoutAskingTheManagerAndArgumentsAskItOnce() {
        AtomicInteger asked = new AtomicInteger();
        ConsoleCompleter counting = new ConsoleCompleter(Grammar.standard(), () -> {
            asked.incrementAndGet();
            return new CompletionData(List.of("rh52mgr"), List.of("east"), List.of());
        });

        assertThat(counting.candidates("subcluster b")).extracting(Candidate::value).containsExactly("broadcast");
        assertThat(asked).hasValue(0);
        assertThat(counting.candidates("replay 3 to node rh")).extracting(Candidate::value).containsExactly("rh52mgr");
        assertThat(asked).hasValue(1);
    }
}
