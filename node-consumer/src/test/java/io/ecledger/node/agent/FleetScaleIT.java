package io.ecledger.node.agent;

import static io.ecledger.node.agent.AgentFixture.identity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ecledger.ledger.command.Target;
import io.ecledger.ledger.event.MembershipEvent;
import io.ecledger.ledger.event.NodeIdentity;
import io.ecledger.ledger.event.NodeResponse;
import io.ecledger.ledger.event.NodeStatus;
import io.ecledger.ledger.testing.KafkaBroker;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A command's cost does not grow with the fleet: what agents not addressed do, late joiners, restarts, stopping many. */
@ExtendWith(KafkaBroker.class)
class FleetScaleIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private AgentFixture fixture;

    @BeforeEach
    void topics(KafkaBroker.Handle broker) {
        fixture = new AgentFixture(broker);
    }

    @AfterEach
    void stopAgents() throws Exception {
        fixture.close();
    }

    private static List<NodeResponse> to(UUID commandId, List<NodeResponse> responses) {
        return responses.stream().filter(r -> r.commandId().equals(commandId)).toList();
    }

    private static List<NodeResponse> by(String node, List<NodeResponse> responses) {
        return responses.stream().filter(r -> r.node().equals(node)).toList();
    }

    private static void awaitAnswer(TopicReader<NodeResponse> reader, AgentFixture.Issued issued, String node) {
        await().atMost(PATIENCE).until(() -> by(node, to(issued.commandId(), reader.all())), list -> !list.isEmpty());
    }

    @Test
    void unicastsToAnotherNodeCostThisNodeNoTransactionAndItsNextAnswerCommitsTheOffsetPastThem() throws Exception {
        NodeAgent bare = fixture.start(identity("rh52bare", "east"), new CountingExecutor());
        NodeAgent mgr = fixture.start(identity("rh52mgr", "east"), new CountingExecutor());
        TopicReader<NodeResponse> responses = fixture.responses();

        List<AgentFixture.Issued> toBare = IntStream.range(0, 5)
                .mapToObj(i -> fixture.issue(new Target.Unicast("rh52bare"), "version")).toList();
        awaitAnswer(responses, toBare.get(4), "rh52bare");
        assertThat(fixture.committedOffset("rh52mgr")).isEmpty();
        AgentFixture.Issued toMgr = fixture.issue(new Target.Unicast("rh52mgr"), "summary");
        awaitAnswer(responses, toMgr, "rh52mgr");

        // it read the five unicasts before it answered its own: one transaction in all, committing past everything
        assertThat(mgr.transactions()).isEqualTo(1);
        assertThat(fixture.committedOffset("rh52mgr")).hasValue(toMgr.offset() + 1);
        assertThat(by("rh52mgr", responses.all())).extracting(NodeResponse::commandId).containsExactly(toMgr.commandId());
        // answers to one poll share a transaction: as many as the polls its five commands came in
        assertThat(bare.transactions()).isBetween(1L, 5L);
    }

    @Test
    void aNodeThatJoinsAfterFiveBroadcastsAnswersNoneOfThemAndAnswersTheNextOneNamingIt() throws Exception {
        fixture.start(identity("rh52bare", "east"), new CountingExecutor());
        TopicReader<NodeResponse> responses = fixture.responses();
        List<AgentFixture.Issued> history = IntStream.range(0, 5)
                .mapToObj(i -> fixture.issue(new Target.Broadcast(), "version")).toList();
        awaitAnswer(responses, history.get(4), "rh52bare");

        CountingExecutor lateRan = new CountingExecutor();
        NodeAgent late = fixture.start(identity("rh52late", "east"), lateRan);
        List<String> members = Stream.concat(AgentFixture.CLUSTER.stream(), Stream.of("rh52late")).toList();
        AgentFixture.Issued next = fixture.issue(new Target.Broadcast(), "summary", members);
        awaitAnswer(responses, next, "rh52late");

        assertThat(by("rh52late", responses.all())).singleElement().satisfies(r -> {
            assertThat(r.commandId()).isEqualTo(next.commandId());
            assertThat(r.status()).isEqualTo(NodeStatus.OK);
        });
        assertThat(lateRan.ran()).containsExactly("summary");
        assertThat(late.transactions()).isEqualTo(1);
        assertThat(fixture.committedOffset("rh52late")).hasValue(next.offset() + 1);
    }

    @Test
    void anAgentKilledAfterReadingPastRecordsNotForItAndStartedAgainAnswersEveryCommandExactlyOnce() throws Exception {
        CountingExecutor executor = new CountingExecutor();
        NodeIdentity rh52bare = identity("rh52bare", "east");
        AtomicBoolean crashed = new AtomicBoolean();
        NodeAgent doomed = fixture.start(new NodeAgent(fixture.broker.bootstrapServers(), fixture.layout, rh52bare,
                fixture.managerKey(), executor, Clock.systemUTC(), AgentSettings.defaults(), fixture.skipped, response -> {
                    if (response.output().equals("ran: summary") && crashed.compareAndSet(false, true)) {
                        throw new IllegalStateException("simulated crash before commit");
                    }
                }));
        TopicReader<NodeResponse> responses = fixture.responses();

        AgentFixture.Issued first = fixture.issue(new Target.Unicast("rh52bare"), "version");
        awaitAnswer(responses, first, "rh52bare");
        List<AgentFixture.Issued> others = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            others.add(fixture.issue(new Target.Unicast("rh52mgr"), "version"));
            others.add(fixture.issue(new Target.Broadcast(), "version", List.of("rh52mgr", "rh52bar2")));
        }
        AgentFixture.Issued victim = fixture.issue(new Target.Unicast("rh52bare"), "summary");
        await().atMost(PATIENCE).until(() -> doomed.stopped().isCompletedExceptionally());
        // the records not for it were read past in memory only: the group's offset is still the first answer's
        assertThat(fixture.committedOffset("rh52bare")).hasValue(first.offset() + 1);

        // a new incarnation on the same transactional id, resuming from that older offset
        NodeAgent restarted = fixture.start(rh52bare, executor);
        AgentFixture.Issued after = fixture.issue(new Target.Broadcast(), "cluster membership");
        awaitAnswer(responses, after, "rh52bare");

        // answers to different commands may sit in different responses partitions: their order is the ledger's
        List<NodeResponse> mine = by("rh52bare", responses.all()).stream()
                .sorted(Comparator.comparingLong(NodeResponse::ledgerOffset)).toList();
        assertThat(mine).extracting(NodeResponse::commandId)
                .containsExactly(first.commandId(), victim.commandId(), after.commandId());
        assertThat(to(victim.commandId(), mine)).singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo(NodeStatus.OK));
        assertThat(mine).extracting(NodeResponse::ledgerOffset).doesNotContainAnyElementsOf(
                others.stream().map(AgentFixture.Issued::offset).toList());
        // the answered first command is not run again; the uncommitted run of the victim is invisible
        assertThat(executor.ran()).containsExactly("version", "summary", "summary", "cluster membership");
        // the victim and the broadcast after it, in one poll or two
        assertThat(restarted.transactions()).isBetween(1L, 2L);
        assertThat(fixture.committedOffset("rh52bare")).hasValue(after.offset() + 1);
    }

    @Test
    void aFleetOfFiftyAgentsStopsInParallelEachSayingItLeft() {
        List<NodeAgent> agents = IntStream.range(0, 50)
                .mapToObj(i -> fixture.agent(identity("fleet%02d".formatted(i), "east"), new CountingExecutor(),
                        AgentSettings.defaults()))
                .toList();
        AgentFleet fleet = new AgentFleet(agents, 8);
        TopicReader<MembershipEvent> membership = fixture.membership();

        assertThat(fleet.start()).isEmpty();
        await().atMost(PATIENCE).until(() -> membership.all().stream()
                .filter(e -> e instanceof MembershipEvent.NodeAnnounced).count() == 50);
        assertThat(fleet.stop()).isEmpty();

        assertThat(agents).allSatisfy(agent -> assertThat(agent.stopped()).isCompleted());
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(membership.all().stream()
                .filter(e -> e instanceof MembershipEvent.NodeLeft).map(e -> e.identity().node()).distinct().count())
                .isEqualTo(50));
    }
}
