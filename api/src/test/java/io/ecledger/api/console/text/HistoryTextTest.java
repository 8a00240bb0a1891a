package io.ecledger.api.console.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecledger.api.history.HistoryPage;
import io.ecledger.api.history.HistoryRecord;
import io.ecledger.api.retrieve.NodeResult;
import io.ecledger.ledger.command.Target;
import io.ecledger.ledger.event.NodeStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** How listings, denials, policy loads and refused records read on the console. */
class HistoryTextTest {

    private static final Instant AT = Instant.parse("2030-01-01T10:00:00Z");
    private static final HistoryPage.Denial DENIAL =
            new HistoryPage.Denial(42, AT, "mallory", "rest", "shutdown", "viewer: read only", "not allowed: shutdown");

    private static HistoryPage.Node node(String name, NodeResult.State state, Optional<NodeStatus> status) {
        NodeResult result = new NodeResult(name, "east", state, status, status.map(s -> "said " + name),
                status.map(s -> AT));
        return new HistoryPage.Node(name, "east", state, result.phase(), status, result.output(), result.finishedAt());
    }

    private static HistoryPage.Entry entry(List<HistoryPage.Node> nodes) {
        return new HistoryPage.Entry(9, UUID.fromString("00000000-0000-0000-0000-000000000009"), AT, "alice", "console",
                new Target.Broadcast(), "version", AT.plusSeconds(30), Optional.empty(), false, nodes, Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    @Test
    void aListedCommandShowsItsCountsPerPhaseAboveItsNodes() {
        HistoryPage page = new HistoryPage(1, 1, 20, false, List.of(entry(List.of(
                node("a", NodeResult.State.ANSWERED, Optional.of(NodeStatus.OK)),
                node("b", NodeResult.State.ANSWERED, Optional.of(NodeStatus.ERROR)),
                node("c", NodeResult.State.TIMED_OUT, Optional.empty())))));

        assertThat(HistoryText.page(page)).isEqualTo("history: 1 command(s), page 1 of 1, newest first\n"
                + "9 2030-01-01T10:00:00Z alice console broadcast: version\n"
                + "  3 nodes: 1 error, 1 ok, 1 timed out\n"
                + "    a@east OK: said a\n"
                + "    b@east ERROR: said b\n"
                + "    c@east TIMED_OUT\n");
    }

    @Test
    void historyShowOfACommandListsTheRecordsClaimingItThatItsNodesRefused() {
        HistoryRecord record = new HistoryRecord(9, "command", AT, "alice", "console", "broadcast: version",
                Optional.of(entry(List.of(node("a", NodeResult.State.ANSWERED, Optional.of(NodeStatus.OK))))), List.of(),
                List.of(new HistoryRecord.RefusedRecord("a", 12, "not run: not signed by the manager", AT)));

        assertThat(HistoryText.record(record)).contains("nodes: 1: 1 ok\n",
                "refused by a: the record at offset 12 claiming this command, at 2030-01-01T10:00:00Z "
                        + "(not run: not signed by the manager)\n");
    }

    @Test
    void aDeniedListingIsOneLinePerDenialNamingTheRuleThenTheAnswer() {
        HistoryPage page = new HistoryPage(1, 1, 20, false, List.of(), List.of(DENIAL));

        assertThat(HistoryText.page(page)).isEqualTo("history: 1 command(s), page 1 of 1, newest first\n"
                + "42 2030-01-01T10:00:00Z mallory rest DENIED by rule viewer: read only: shutdown\n"
                + "    not allowed: shutdown\n");
    }

    @Test
    void historyShowOfADenialSaysItWasNeverRun() {
        HistoryRecord record = new HistoryRecord(42, HistoryRecord.DENIED, AT, "mallory", "rest",
                "DENIED by rule viewer: read only: shutdown", Optional.empty(), List.of(), List.of(), Optional.of(DENIAL),
                Optional.empty());

        assertThat(HistoryText.record(record)).isEqualTo("offset 42: denied\ntime: 2030-01-01T10:00:00Z\n"
                + "actor: mallory\norigin: rest\nline: shutdown\ndenied by rule: viewer: read only\n"
                + "answer: not allowed: shutdown\nnever run\n");
    }

    @Test
    void historyShowOfAPolicyLoadPrintsItsHashSourceAndFullTextIndented() {
        HistoryRecord record = new HistoryRecord(7, HistoryRecord.POLICY, AT, "eccmgr", "system", "policy loaded",
                Optional.empty(), List.of(), List.of(), Optional.empty(),
                Optional.of(new HistoryRecord.Policy("ab".repeat(32), "default", "roles:\n  admin: [\"*\"]\n")));

        assertThat(HistoryText.record(record)).isEqualTo("offset 7: policy\ntime: 2030-01-01T10:00:00Z\n"
                + "actor: eccmgr\norigin: system\nsource: default\nsha256: " + "ab".repeat(32) + "\n"
                + "policy:\n    roles:\n      admin: [\"*\"]\n");
    }
}
