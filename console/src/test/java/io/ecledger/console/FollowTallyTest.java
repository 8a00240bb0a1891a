package io.ecledger.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecledger.console.client.NodeUpdate;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FollowTallyTest {

    private static NodeUpdate pending(String node) {
        return new NodeUpdate(node, "east", "PENDING", Optional.empty(), Optional.empty());
    }

    private static NodeUpdate answered(String node, String status, String output) {
        return new NodeUpdate(node, "east", "ANSWERED", Optional.of(status), Optional.of(output));
    }

    @Test
    void aPendingNodeIsCountedButNotPrintedAndItsAnswerIsPrintedOnceWithItsOutputIndented() {
        FollowTally tally = new FollowTally();

        assertThat(tally.take(pending("rh52bare"))).isEmpty();
        assertThat(tally.take(answered("rh52bare", "OK", "line one\nline two")))
                .contains("rh52bare (east): OK\n  line one\n  line two");
        assertThat(tally.take(answered("rh52bare", "OK", "line one\nline two"))).as("told twice, printed once").isEmpty();
    }

    @Test
    void aSilentNodeIsPrintedTimedOutAndTheCountsNameEveryState() {
        FollowTally tally = new FollowTally();
        tally.take(answered("rh52bare", "OK", "up"));
        tally.take(answered("rh52mgr", "ERROR", ""));
        tally.take(pending("rh52bar2"));

        assertThat(tally.progress()).isEqualTo("answered 2/3: ERROR 1, OK 1, pending 1");
        assertThat(tally.take(new NodeUpdate("rh52bar2", "west", "TIMED_OUT", Optional.empty(), Optional.empty())))
                .contains("rh52bar2 (west): timed out");
        assertThat(tally.summary(true, Duration.ofSeconds(30))).isEqualTo("done, 3 node(s): ERROR 1, OK 1, timed out 1");
    }

    @Test
    void aWaitThatRanOutNamesTheNodesStillPending() {
        FollowTally tally = new FollowTally();
        tally.take(answered("rh52bare", "OK", "up"));
        tally.take(pending("rh52mgr"));

        assertThat(tally.summary(false, Duration.ofSeconds(5)))
                .isEqualTo("stopped following after 5 s, 2 node(s): OK 1, pending 1; still pending: rh52mgr");
    }

    @Test
    void aRunningOrWaitingNodeIsStillInFlightAndAnUndeliveredOneIsAnEndPrintedInWords() {
        FollowTally tally = new FollowTally();
        assertThat(tally.take(new NodeUpdate("rh52bare", "east", "RUNNING", Optional.empty(), Optional.empty()))).isEmpty();
        assertThat(tally.take(new NodeUpdate("rh52mgr", "east", "WAITING", Optional.empty(), Optional.empty()))).isEmpty();
        assertThat(tally.take(new NodeUpdate("ghost", "east", "UNDELIVERED", Optional.empty(), Optional.empty())))
                .contains("ghost (east): undelivered");

        assertThat(tally.progress()).isEqualTo("answered 0/3: undelivered 1, running 1, waiting 1");
        assertThat(tally.summary(false, Duration.ofSeconds(5))).isEqualTo("stopped following after 5 s, 3 node(s): "
                + "undelivered 1, running 1, waiting 1; still pending: rh52bare, rh52mgr");
    }
}
