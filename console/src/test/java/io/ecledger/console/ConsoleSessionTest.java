package io.ecledger.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecledger.console.client.Answer;
import io.ecledger.console.client.CommandProgress;
import io.ecledger.console.client.ManagerClient;
import io.ecledger.console.client.NodeUpdate;
import io.ecledger.ledger.command.CompletionData;
import io.ecledger.ledger.command.Grammar;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ConsoleSessionTest {

    private static final UUID ID = UUID.fromString("0b3c3a52-5e0b-4c1e-9d6e-3f1f2a9c7d10");
    private static final String SENT = "sent to node rh52mgr: 1 node(s) rh52mgr\n"
            + "command " + ID + " at ledger offset 7, answers due by 2026-11-25T10:00:30Z";

    /** Answers a send with the command's id, and has rh52mgr pending for the first {@code pendingPolls} polls of it. */
    private static class SlowNode implements ManagerClient {
        final List<String> received = new CopyOnWriteArrayList<>();
        final List<UUID> followed = new CopyOnWriteArrayList<>();
        private final String sentAnswer;
        private int pendingPolls;

        SlowNode(int pendingPolls) {
            this(pendingPolls, SENT);
        }

        SlowNode(int pendingPolls, String sentAnswer) {
            this.pendingPolls = pendingPolls;
            this.sentAnswer = sentAnswer;
        }

        @Override
        public Answer send(String line) {
            received.add(line);
            if (!line.startsWith("retrieve_node")) {
                return Answer.ok(sentAnswer);
            }
            return Answer.ok("summary - command c1\nrh52mgr (east): " + (pendingPolls > 0 ? "pending" : "OK\n  Node: rh52mgr"));
        }

        @Override
        public Optional<CommandProgress> progress(UUID commandId) {
            followed.add(commandId);
            return Optional.of(new CommandProgress(commandId, pendingPolls-- > 0 ? List.of("rh52mgr") : List.of()));
        }

        @Override
        public CompletionData completions() {
            return CompletionData.NONE;
        }

        @Override
        public String endpoint() {
            return "test";
        }

        @Override
        public void close() {}
    }

    @Test
    void waitFollowsTheCommandByItsIdUntilNoNodeIsPendingThenShowsTheMatchingRetrieve() {
        SlowNode manager = new SlowNode(2);

        Answer answer = new ConsoleSession(manager, Grammar.standard(), Optional.empty()).run("--wait=10 unicast rh52mgr summary");

        assertThat(manager.followed).containsExactly(ID, ID, ID);
        assertThat(manager.received).containsExactly("unicast rh52mgr summary", "retrieve_node rh52mgr summary");
        assertThat(answer).isEqualTo(Answer.ok(SENT + "\nsummary - command c1\nrh52mgr (east): OK\n  Node: rh52mgr"));
    }

    @Test
    void waitGivesUpAtTheDeadlineAndShowsTheNodesStillPending() {
        SlowNode manager = new SlowNode(Integer.MAX_VALUE);

        Answer answer = new ConsoleSession(manager, Grammar.standard(), Optional.of(Duration.ZERO)).run("unicast rh52mgr summary");

        assertThat(answer.text()).endsWith("rh52mgr (east): pending");
        assertThat(manager.received).hasSize(2);
    }

    @Test
    void anAnswerNamingNoCommandIsNotFollowedAndTheRetrieveIsShownAtOnce() {
        SlowNode manager = new SlowNode(0, "sent to node rh52mgr: 1 node(s) rh52mgr");

        Answer answer = new ConsoleSession(manager, Grammar.standard(), Optional.empty()).run("--wait=10 unicast rh52mgr summary");

        assertThat(manager.followed).isEmpty();
        assertThat(answer.text()).endsWith("rh52mgr (east): OK\n  Node: rh52mgr");
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

    /** SlowNode with an event stream: it tells rh52mgr pending, then answered. */
    private static final class StreamingNode extends SlowNode {

        StreamingNode() {
            super(0);
        }

        @Override
        public boolean follow(UUID commandId, Duration wait, Consumer<NodeUpdate> each) {
            each.accept(new NodeUpdate("rh52mgr", "east", "PENDING", Optional.empty(), Optional.empty()));
            each.accept(new NodeUpdate("rh52mgr", "east", "ANSWERED", Optional.of("OK"), Optional.of("Node: rh52mgr\nUp")));
            return true;
        }
    }

    @Test
    void followPrintsTheSendAndEachAnswerAsItLandsThenTheCountsInsteadOfTheRetrieve() {
        StreamingNode manager = new StreamingNode();
        List<String> printed = new ArrayList<>();
        List<String> progress = new ArrayList<>();
        LiveOutput live = new LiveOutput() {
            @Override
            public void line(String text) {
                printed.add(text);
            }

            @Override
            public void progress(String text) {
                progress.add(text);
            }
        };

        Answer answer = new ConsoleSession(manager, Grammar.standard(), Optional.empty())
                .run("--follow=10 unicast rh52mgr summary", live);

        assertThat(printed).containsExactly(SENT, "rh52mgr (east): OK\n  Node: rh52mgr\n  Up");
        assertThat(progress).containsExactly("answered 0/1: pending 1", "", "answered 1/1: OK 1", "");
        assertThat(answer).isEqualTo(Answer.ok("done, 1 node(s): OK 1"));
        assertThat(manager.received).containsExactly("unicast rh52mgr summary");
    }

    @Test
    void followWithoutAStreamWaitsAndShowsTheRetrieveAsWaitDoes() {
        SlowNode manager = new SlowNode(1);

        Answer answer = new ConsoleSession(manager, Grammar.standard(), Optional.empty())
                .run("--follow=10 unicast rh52mgr summary");

        assertThat(manager.followed).containsExactly(ID, ID);
        assertThat(answer).isEqualTo(Answer.ok(SENT + "\nsummary - command c1\nrh52mgr (east): OK\n  Node: rh52mgr"));
    }

    @Test
    void aBadFollowIsRefusedWithoutSendingTheLine() {
        SlowNode manager = new SlowNode(0);

        Answer answer = new ConsoleSession(manager, Grammar.standard(), Optional.empty()).run("--follow=1m broadcast version");

        assertThat(answer).isEqualTo(Answer.refused("--follow: '1m' is not a whole number of seconds"));
        assertThat(manager.received).isEmpty();
    }
}
