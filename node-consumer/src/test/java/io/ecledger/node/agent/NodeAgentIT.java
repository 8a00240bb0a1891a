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
import io.ecledger.node.executor.SimulatedNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBroker.class)
class NodeAgentIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Map<String, String> MEMBERS = Map.of("rh52bare", "east", "rh52mgr", "east", "rh52bar2", "west");

    private AgentFixture fixture;

    @BeforeEach
    void topics(KafkaBroker.Handle broker) {
        fixture = new AgentFixture(broker);
    }

    @AfterEach
    void stopAgents() throws Exception {
        fixture.close();
    }

    private SimulatedNode startSimulated(String node) {
        SimulatedNode simulated = new SimulatedNode(node, MEMBERS.get(node), MEMBERS);
        fixture.start(identity(node, MEMBERS.get(node)), simulated);
        return simulated;
    }

    private static List<NodeResponse> to(UUID commandId, List<NodeResponse> responses) {
        return responses.stream().filter(r -> r.commandId().equals(commandId)).toList();
    }

    private static List<NodeResponse> awaitAnswers(TopicReader<NodeResponse> reader, AgentFixture.Issued issued, int count) {
        return await().atMost(PATIENCE).until(() -> to(issued.commandId(), reader.all()), list -> list.size() >= count);
    }

    @Test
    void broadcastReachesEveryNodeSubclusterOnlyItsNodesAndUnicastOnlyTheNamedNode() {
        MEMBERS.keySet().forEach(this::startSimulated);
        TopicReader<NodeResponse> responses = fixture.responses();

        AgentFixture.Issued broadcast = fixture.issue(new Target.Broadcast(), "version");
        AgentFixture.Issued west = fixture.issue(new Target.Subcluster("west"), "version");
        AgentFixture.Issued unicast = fixture.issue(new Target.Unicast("rh52mgr"), "config get Server_Name");
        // agents answer in ledger order, so once all three answered this, the commands before it are settled
        AgentFixture.Issued sentinel = fixture.issue(new Target.Broadcast(), "summary");
        awaitAnswers(responses, sentinel, 3);

        List<NodeResponse> all = responses.all();
        assertThat(to(broadcast.commandId(), all))
                .extracting(NodeResponse::node).containsExactlyInAnyOrder("rh52bare", "rh52mgr", "rh52bar2");
        assertThat(to(broadcast.commandId(), all)).allSatisfy(r -> {
            assertThat(r.ledgerOffset()).isEqualTo(broadcast.offset());
            assertThat(r.status()).isEqualTo(NodeStatus.OK);
            assertThat(r.subcluster()).isEqualTo(MEMBERS.get(r.node()));
            assertThat(r.output()).isEqualTo(SimulatedNode.ECELERITY_VERSION + " on " + r.node());
            assertThat(r.finishedAt()).isAfterOrEqualTo(r.startedAt());
        });
        assertThat(to(west.commandId(), all)).singleElement().satisfies(r -> {
            assertThat(r.node()).isEqualTo("rh52bar2");
            assertThat(r.subcluster()).isEqualTo("west");
            assertThat(r.ledgerOffset()).isEqualTo(west.offset());
        });
        assertThat(to(unicast.commandId(), all)).singleElement().satisfies(r -> {
            assertThat(r.node()).isEqualTo("rh52mgr");
            assertThat(r.ledgerOffset()).isEqualTo(unicast.offset());
            assertThat(r.output()).isEqualTo("Server_Name = \"rh52mgr\"");
        });
    }

    @Test
    void afterABroadcastDuravipMoveEveryNodeAgreesWhoOwnsTheAddress() {
        List<SimulatedNode> nodes = MEMBERS.keySet().stream().map(this::startSimulated).toList();
        TopicReader<NodeResponse> responses = fixture.responses();

        fixture.issue(new Target.Broadcast(), "cluster duravip move 10.0.5.139 to rh52bare");
        fixture.issue(new Target.Broadcast(), "cluster duravip move 10.0.5.139 to rh52bar2");
        AgentFixture.Issued view = fixture.issue(new Target.Broadcast(), "cluster duravip announce view");

        List<NodeResponse> answers = awaitAnswers(responses, view, 3);
        assertThat(answers).allSatisfy(r -> assertThat(r.output()).contains("10.0.5.139 owner=rh52bar2"));
        assertThat(answers).filteredOn(r -> r.node().equals("rh52bar2")).singleElement()
                .satisfies(r -> assertThat(r.output()).startsWith("rh52bar2 announces 1 binding(s): 10.0.5.139"));
        assertThat(nodes).allSatisfy(n -> assertThat(n.bindingOwners()).isEqualTo(Map.of("10.0.5.139", "rh52bar2")));
    }

    @Test
    void aCommandWhoseDeadlinePassedIsAnsweredExpiredAndNotRun() {
        CountingExecutor executor = new CountingExecutor();
        fixture.start(identity("rh52bare", "east"), executor);
        TopicReader<NodeResponse> responses = fixture.responses();

        AgentFixture.Issued late = fixture.issue(new Target.Broadcast(), "summary", Instant.now().minusSeconds(60));
        AgentFixture.Issued timely = fixture.issue(new Target.Broadcast(), "version");

        assertThat(awaitAnswers(responses, timely, 1)).singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo(NodeStatus.OK));
        assertThat(to(late.commandId(), responses.all())).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(NodeStatus.EXPIRED);
            assertThat(r.ledgerOffset()).isEqualTo(late.offset());
            assertThat(r.output()).startsWith("not run: it had to start by");
        });
        assertThat(executor.ran()).containsExactly("version");
    }

    @Test
    void aCrashBetweenRunningAndCommittingLeavesExactlyOneResponseAfterRestartAndRunsTheCommandAgain() {
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

        AgentFixture.Issued before = fixture.issue(new Target.Broadcast(), "version");
        AgentFixture.Issued victim = fixture.issue(new Target.Broadcast(), "summary");
        await().atMost(PATIENCE).until(() -> doomed.stopped().isCompletedExceptionally());
        assertThat(executor.ran()).containsExactly("version", "summary");

        fixture.start(rh52bare, executor);
        AgentFixture.Issued after = fixture.issue(new Target.Broadcast(), "cluster membership");
        awaitAnswers(responses, after, 1);

        List<NodeResponse> all = responses.all();
        assertThat(to(before.commandId(), all)).hasSize(1);
        assertThat(to(victim.commandId(), all)).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(NodeStatus.OK);
            assertThat(r.ledgerOffset()).isEqualTo(victim.offset());
        });
        // the uncommitted run is invisible; the restarted agent ran the command once more to answer it
        assertThat(executor.ran()).containsExactly("version", "summary", "summary", "cluster membership");
    }

    @Test
    void aGarbageRecordOnTheLedgerIsSkippedAndTheCommandsAfterItAreAnswered() throws Exception {
        startSimulated("rh52bare");
        TopicReader<NodeResponse> responses = fixture.responses();

        fixture.forge("garbage".getBytes(StandardCharsets.UTF_8));
        AgentFixture.Issued after = fixture.issue(new Target.Unicast("rh52bare"), "version");

        assertThat(awaitAnswers(responses, after, 1)).singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo(NodeStatus.OK));
        assertThat(fixture.skipped.count()).isEqualTo(1);
    }

    @Test
    void anAgentAnnouncesItselfSendsHeartbeatsAndSaysWhenItLeaves() {
        NodeAgent agent = fixture.start(new NodeAgent(fixture.broker.bootstrapServers(), fixture.layout,
                identity("rh52bar2", "west"), fixture.managerKey(), SimulatedNode.of("rh52bar2", "west"), Clock.systemUTC(),
                AgentSettings.defaults().withHeartbeatInterval(Duration.ofMillis(200))));
        TopicReader<MembershipEvent> membership = fixture.membership();

        await().atMost(PATIENCE).until(membership::all, events ->
                events.stream().anyMatch(e -> e instanceof MembershipEvent.NodeHeartbeat));
        agent.stop();
        assertThat(agent.stopped()).isCompleted();

        List<MembershipEvent> events = await().atMost(PATIENCE).until(membership::all, all ->
                !all.isEmpty() && all.get(all.size() - 1) instanceof MembershipEvent.NodeLeft);
        assertThat(events.get(0)).isInstanceOf(MembershipEvent.NodeAnnounced.class);
        assertThat(events).allSatisfy(e -> assertThat(e.identity()).isEqualTo(identity("rh52bar2", "west")));
        assertThat(events).filteredOn(e -> e instanceof MembershipEvent.NodeHeartbeat).isNotEmpty();
    }
}
