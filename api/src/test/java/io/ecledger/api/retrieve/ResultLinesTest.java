package io.ecledger.api.retrieve;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecledger.api.retrieve.NodeResult.State;
import io.ecledger.ledger.command.Target;
import io.ecledger.ledger.event.NodeStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResultLinesTest {

    private static final Instant DEADLINE = Instant.parse("2026-11-25T12:34:00Z");
    private static final Instant DELIVER_BY = DEADLINE.minusSeconds(20);
    private static final Instant BEFORE = DELIVER_BY.minusSeconds(1);
    private static final Instant AFTER = DEADLINE.plusSeconds(1);
    private static final Target BROADCAST = new Target.Broadcast();
    private static final Map<Integer, CommandFacts.Released> FIRST_BATCH =
            Map.of(0, new CommandFacts.Released(DELIVER_BY, DEADLINE));

    private static ExpectedRow expected(String node, String subcluster) {
        return expected(node, subcluster, 0);
    }

    private static ExpectedRow expected(String node, String subcluster, int batch) {
        return new ExpectedRow(node, Optional.ofNullable(subcluster), batch);
    }

    private static ResponseRow answer(String node, String subcluster) {
        return new ResponseRow(node, subcluster, NodeStatus.OK, node + " says ok", BEFORE, 0);
    }

    private static List<NodeResult> lines(Target target, List<ExpectedRow> expected, List<ResponseRow> answers,
            Instant now) {
        return ResultLines.lines(new CommandFacts(target, expected, FIRST_BATCH, false, Map.of(), answers), now);
    }

    private static List<String> states(List<NodeResult> lines) {
        return lines.stream().map(line -> line.node() + ":" + line.state()).toList();
    }

    @Test
    void everyExpectedNodeHasALineInNodeOrderPendingUntilAnsweredAndUndeliveredWithoutAWordByItsDeliveryDeadline() {
        List<ExpectedRow> nodes = List.of(expected("c", "west"), expected("a", "east"), expected("b", "east"));
        List<ResponseRow> answers = List.of(answer("b", "east"));

        assertThat(states(lines(BROADCAST, nodes, answers, BEFORE)))
                .containsExactly("a:PENDING", "b:ANSWERED", "c:PENDING");
        assertThat(states(lines(BROADCAST, nodes, answers, AFTER)))
                .containsExactly("a:UNDELIVERED", "b:ANSWERED", "c:UNDELIVERED");
        assertThat(states(lines(BROADCAST, nodes, answers, DELIVER_BY)))
                .as("at the delivery deadline itself a node still has time").contains("a:PENDING");
    }

    @Test
    void aNodeThatSaidItHasTheCommandIsDeliveredOrRunningUntilTheDeadlineAndThenTimedOut() {
        List<ExpectedRow> nodes = List.of(expected("a", "east"), expected("b", "east"));
        CommandFacts facts = new CommandFacts(BROADCAST, nodes, FIRST_BATCH, false,
                Map.of("a", NodeStatus.DELIVERED, "b", NodeStatus.RUNNING), List.of());

        assertThat(states(ResultLines.lines(facts, DELIVER_BY.plusSeconds(5))))
                .as("a word from the node is no delivery timeout").containsExactly("a:DELIVERED", "b:RUNNING");
        assertThat(states(ResultLines.lines(facts, AFTER))).containsExactly("a:TIMED_OUT", "b:TIMED_OUT");
    }

    @Test
    void aNodeOfABatchNotYetReleasedWaitsAndIsCancelledWhenTheCommandIsCancelledFirst() {
        List<ExpectedRow> nodes = List.of(expected("a", "east", 0), expected("b", "east", 1));
        CommandFacts open = new CommandFacts(BROADCAST, nodes, FIRST_BATCH, false, Map.of(), List.of(answer("a", "east")));
        CommandFacts cancelled = new CommandFacts(BROADCAST, nodes, FIRST_BATCH, true, Map.of(),
                List.of(answer("a", "east")));

        assertThat(states(ResultLines.lines(open, AFTER))).containsExactly("a:ANSWERED", "b:WAITING");
        assertThat(states(ResultLines.lines(cancelled, AFTER))).containsExactly("a:ANSWERED", "b:CANCELLED");
        assertThat(ResultLines.lines(open, AFTER).get(1).batch()).isEqualTo(1);
    }

    @Test
    void aLaterBatchIsJudgedByItsOwnDeadlines() {
        Instant later = AFTER.plusSeconds(60);
        List<ExpectedRow> nodes = List.of(expected("a", "east", 0), expected("b", "east", 1));
        CommandFacts facts = new CommandFacts(BROADCAST, nodes, Map.of(0, new CommandFacts.Released(DELIVER_BY, DEADLINE),
                1, new CommandFacts.Released(later, later.plusSeconds(20))), false, Map.of(), List.of());

        assertThat(states(ResultLines.lines(facts, AFTER))).containsExactly("a:UNDELIVERED", "b:PENDING");
    }

    @Test
    void anAnswerCarriesItsStatusOutputAndFinishTime() {
        NodeResult line = lines(BROADCAST, List.of(expected("a", null)), List.of(answer("a", "east")), AFTER).get(0);

        assertThat(line).isEqualTo(new NodeResult("a", "east", State.ANSWERED, Optional.of(NodeStatus.OK),
                Optional.of("a says ok"), Optional.of(BEFORE)));
    }

    @Test
    void aNodeThatAnsweredWithoutBeingExpectedIsShownAnswered() {
        List<NodeResult> lines = lines(BROADCAST, List.of(expected("b", "east")), List.of(answer("a", "west")), BEFORE);

        assertThat(states(lines)).containsExactly("a:ANSWERED", "b:PENDING");
    }

    @Test
    void anUnplacedNodeOfASubclusterCommandBelongsToThatSubcluster() {
        List<NodeResult> lines = lines(new Target.Subcluster("west"), List.of(expected("c", null)), List.of(), BEFORE);
        List<NodeResult> unplaced = lines(BROADCAST, List.of(expected("c", null)), List.of(), BEFORE);

        assertThat(lines.get(0).subcluster()).isEqualTo("west");
        assertThat(unplaced.get(0).subcluster()).isEqualTo(ResultLines.UNKNOWN_SUBCLUSTER);
    }

    @Test
    void aBroadcastRetrieveShowsOnlyBroadcasts() {
        List<NodeResult> lines = List.of(line("a", "east"));

        assertThat(ResultLines.shown(BROADCAST, BROADCAST, lines)).isTrue();
        assertThat(ResultLines.shown(BROADCAST, new Target.Subcluster("east"), lines)).isFalse();
        assertThat(ResultLines.shown(BROADCAST, new Target.Unicast("a"), lines)).isFalse();
    }

    @Test
    void aSubclusterRetrieveShowsItsOwnCommandsAndBroadcastsThatReachedIt() {
        Target east = new Target.Subcluster("east");

        assertThat(ResultLines.shown(east, east, List.of())).isTrue();
        assertThat(ResultLines.shown(east, new Target.Subcluster("west"), List.of(line("a", "east")))).isFalse();
        assertThat(ResultLines.shown(east, BROADCAST, List.of(line("a", "east")))).isTrue();
        assertThat(ResultLines.shown(east, BROADCAST, List.of(line("c", "west")))).isFalse();
        assertThat(ResultLines.shown(east, new Target.Unicast("a"), List.of(line("a", "east")))).isFalse();
        assertThat(ResultLines.inScope(east, List.of(line("a", "east"), line("c", "west"))))
                .extracting(NodeResult::node).containsExactly("a");
    }

    @Test
    void aNodeRetrieveShowsUnicastsToItAndCommandsItWasAmong() {
        Target a = new Target.Unicast("a");

        assertThat(ResultLines.shown(a, a, List.of(line("a", "east")))).isTrue();
        assertThat(ResultLines.shown(a, new Target.Unicast("b"), List.of(line("b", "east")))).isFalse();
        assertThat(ResultLines.shown(a, BROADCAST, List.of(line("a", "east"), line("b", "east")))).isTrue();
        assertThat(ResultLines.shown(a, BROADCAST, List.of(line("b", "east")))).isFalse();
        assertThat(ResultLines.shown(a, new Target.Subcluster("east"), List.of(line("a", "east")))).isTrue();
        assertThat(ResultLines.shown(a, new Target.Subcluster("west"), List.of(line("c", "west")))).isFalse();
        assertThat(ResultLines.inScope(a, List.of(line("a", "east"), line("b", "east"))))
                .extracting(NodeResult::node).containsExactly("a");
    }

    private static NodeResult line(String node, String subcluster) {
        return new NodeResult(node, subcluster, State.PENDING, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
