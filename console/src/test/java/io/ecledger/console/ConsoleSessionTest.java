package io.ecledger.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecledger.console.client.Answer;
import io.ecledger.console.client.Completions;
import io.ecledger.console.client.ManagerClient;
import io.ecledger.ledger.command.Grammar;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ConsoleSessionTest {

    /** Answers retrieves with rh52mgr pending the first {@code pendingRetrieves} times. */
    private static final class SlowNode implements ManagerClient {
        final List<String> received = new CopyOnWriteArrayList<>();
        private int pendingRetrieves;

        SlowNode(int pendingRetrieves) {
            this.pendingRetrieves = pendingRetrieves;
        }

        @Override
        public Answer send(String line) {
            received.add(line);
            if (!line.startsWith("retrieve_node")) {
                return Answer.ok("sent to node rh52mgr: 1 node(s) rh52mgr");
            }
            return Answer.ok("summary - command c1\nrh52mgr (east): " + (pendingRetrieves-- > 0 ? "pending" : "OK\n  Node: rh52mgr"));
        }

        @Override
        public Completions completions() {
            return Completions.NONE;
        }

        @Override
        public String endpoint() {
            return "test";
        }

        @Override
        public void close() {}
    }

    @Test
    void waitPollsTheMatchingRetrieveUntilNoNodeIsPending() {
        SlowNode manager = new SlowNode(2);

        Answer answer = new ConsoleSession(manager, Grammar.standard(), Optional.empty()).run("--wait=10 unicast rh52mgr summary");

        assertThat(manager.received).containsExactly("unicast rh52mgr summary",
                "retrieve_node rh52mgr summary", "retrieve_node rh52mgr summary", "retrieve_node rh52mgr summary");
        assertThat(answer).isEqualTo(Answer.ok(
                "sent to node rh52mgr: 1 node(s) rh52mgr\nsummary - command c1\nrh52mgr (east): OK\n  Node: rh52mgr"));
    }

    @Test
    void waitGivesUpAtTheDeadlineAndShowsTheNodesStillPending() {
        SlowNode manager = new SlowNode(Integer.MAX_VALUE);

        Answer answer = new ConsoleSession(manager, Grammar.standard(), Optional.of(Duration.ZERO)).run("unicast rh52mgr summary");

        assertThat(answer.text()).endsWith("rh52mgr (east): pending");
        assertThat(manager.received).hasSize(2);
    }

    @Test
    void theMatchingRetrieveOfEachTargetIsWaitedFor() {
        ConsoleSession session = new ConsoleSession(new SlowNode(0), Grammar.standard(), Optional.empty());

        assertThat(session.retrieveLineFor("broadcast  cluster duravip announce view"))
                .contains("retrieve cluster duravip announce view");
        assertThat(session.retrieveLineFor("subcluster broadcast west version")).contains("subcluster retrieve west version");
        assertThat(session.retrieveLineFor("unicast rh52mgr summary")).contains("retrieve_node rh52mgr summary");
        assertThat(session.retrieveLineFor("retrieve version")).isEmpty();
        assertThat(session.retrieveLineFor("flush control cache")).isEmpty();
    }

    @Test
    void aBadWaitIsRefusedWithoutSendingTheLine() {
        SlowNode manager = new SlowNode(0);

        Answer answer = new ConsoleSession(manager, Grammar.standard(), Optional.empty()).run("--wait=soon broadcast version");

        assertThat(answer).isEqualTo(Answer.refused("--wait: 'soon' is not a whole number of seconds"));
        assertThat(manager.received).isEmpty();
    }
}
