package io.ecledger.api.nodekeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ecledger.api.testing.Cluster;
import io.ecledger.api.testing.ManagerFixture;
import io.ecledger.api.testing.SeededCluster;
import io.ecledger.ledger.codec.EventCodec;
import io.ecledger.ledger.command.Origin;
import io.ecledger.ledger.command.Target;
import io.ecledger.ledger.event.CommandIssued;
import io.ecledger.ledger.event.MembershipEvent;
import io.ecledger.ledger.event.NodeIdentity;
import io.ecledger.ledger.event.NodeResponse;
import io.ecledger.ledger.event.NodeStatus;
import io.ecledger.ledger.kafka.Ledger;
import io.ecledger.ledger.kafka.SkippedRecords;
import io.ecledger.ledger.sign.ManagerKey;
import io.ecledger.ledger.sign.NodeKey;
import io.ecledger.ledger.sign.NodeRecords;
import io.ecledger.ledger.testing.KafkaBroker;
import io.ecledger.ledger.testing.Outsider;
import io.ecledger.node.agent.AgentSettings;
import io.ecledger.node.agent.NodeAgent;
import io.ecledger.node.executor.SimulatedNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An attacker who can write to the responses and membership topics with a Kafka client of their own, but has
 * not the node's private key: nothing they write in a node's name reaches a view, the node's real answer stands,
 * and each forgery is listed by history show as not from that node and counted.
 */
@ExtendWith(KafkaBroker.class)
class ForgedNodeRecordsIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void forgedResponsesBeforeAndAfterTheRealOneAndAForgedDepartureChangeNothingAUserReads(KafkaBroker.Handle broker)
            throws Exception {
        try (Cluster cluster = SeededCluster.fresh(broker).start()) {
            ManagerFixture manager = cluster.manager();
            CommandIssued command = CommandIssued.of(new Target.Unicast("rh52bare"), "version", List.of("rh52bare"),
                    Instant.now().plus(Duration.ofMinutes(1)));
            long guessedOffset = cluster.ledger().endOffset();
            // first, before the node could answer: an unsigned answer in rh52bare's name
            forge(broker, cluster.layout().responses(), command.commandId().toString(),
                    EventCodec.RESPONSES.encode(forgedAnswer(command, guessedOffset)));
            long offset = cluster.ledger().append("operator", Origin.REST, command);
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(manager.console("retrieve_node rh52bare version").body())
                    .contains("rh52bare (east): OK"));
            // then, after it: one signed by a key of the attacker's own
            forge(broker, cluster.layout().responses(), command.commandId().toString(),
                    EventCodec.RESPONSES.encode(NodeRecords.sign(forgedAnswer(command, offset), NodeKey.generate())));
            // and two departures in its name: unsigned, and signed by another key
            NodeIdentity rh52bare = new NodeIdentity("rh52bare", "east", "rh52bare.example.com", "test");
            forge(broker, cluster.layout().membership(), "rh52bare",
                    EventCodec.MEMBERSHIP.encode(new MembershipEvent.NodeLeft(rh52bare, Instant.now())));
            forge(broker, cluster.layout().membership(), "rh52bare", EventCodec.MEMBERSHIP.encode(
                    NodeRecords.sign(new MembershipEvent.NodeLeft(rh52bare, Instant.now()), NodeKey.generate())));

            await().atMost(PATIENCE).untilAsserted(() -> assertThat(manager.quarantinedRecords()).isGreaterThanOrEqualTo(4));
            assertThat(manager.console("retrieve_node rh52bare version").body())
                    .contains("rh52bare (east): OK").doesNotContain("pwned");
            assertThat(manager.console("show cluster membership").body()).containsPattern("rh52bare .* alive");
            String shown = manager.console("history show " + offset).body();
            assertThat(shown.lines().filter(line -> line.startsWith("not from rh52bare:")))
                    .hasSize(2)
                    .anySatisfy(line -> assertThat(line).contains("unsigned: not signed by node rh52bare's accepted key SHA256:"))
                    .anySatisfy(line -> assertThat(line).contains("not signed by node rh52bare's accepted key SHA256:")
                            .contains("signed by unknown key"));
            assertThat(shown).doesNotContain("pwned");

            // the next genuine command is answered by every node; the manager starts again first: it chains onto
            // its own last append, and this test wrote the command above in its name (a ledger has one writer)
            ManagerFixture restarted = cluster.restartManager();
            assertThat(restarted.console("broadcast summary").statusCode()).isEqualTo(200);
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(restarted.console("retrieve summary").body())
                    .contains("rh52bare (east): OK", "rh52mgr (east): OK", "rh52bar2 (west): OK"));
        }
    }

    @Test
    void aNodeWithAPendingKeyIsNotShownAnsweringUntilAcceptedAndNotAfterItsKeyIsRejected(KafkaBroker.Handle broker)
            throws Exception {
        try (Cluster cluster = SeededCluster.fresh(broker).withoutNodes().with("nodes.autoAcceptKeys", "false").start()) {
            ManagerFixture manager = cluster.manager();
            NodeKey key = NodeKey.generate();
            try (NodeAgent agent = new NodeAgent(cluster.bootstrapServers(), cluster.layout(),
                    new NodeIdentity("newnode", "east", "newnode.example.com", "test"),
                    ManagerKey.readPublic(cluster.managerPublicKey()), key, SimulatedNode.of("newnode", "east"),
                    Clock.systemUTC(), AgentSettings.defaults(), new SkippedRecords())) {
                agent.start();
                await().atMost(PATIENCE).untilAsserted(() -> assertThat(manager.console("node keys").body())
                        .contains("Pending keys:\n  newnode").contains(key.fingerprint().value()));
                assertThat(manager.console("show cluster membership").body()).doesNotContain("newnode");

                long first = issue(cluster, "newnode", "version");
                await().atMost(PATIENCE).untilAsserted(() -> assertThat(manager.console("history show " + first).body())
                        .contains("not from newnode: a OK response").contains("key pending"));
                assertThat(manager.console("retrieve_node newnode version").body()).doesNotContain("OK").contains("unknown node 'newnode'");

                // started again before it appends: it chains onto its own last append, and the command above was
                // written in its name by this test (a ledger has one writer)
                ManagerFixture restarted = cluster.restartManager();
                assertThat(restarted.console("node accept newnode").body()).contains("accepted newnode " + key.fingerprint());
                await().atMost(PATIENCE).untilAsserted(() -> assertThat(restarted.console("retrieve_node newnode version").body())
                        .contains("newnode (east): OK"));
                assertThat(restarted.console("history show " + first).body()).doesNotContain("not from newnode");
                assertThat(restarted.get("/v1/nodes/keys").body()).contains("\"node\":\"newnode\"", "\"state\":\"accepted\"");

                assertThat(restarted.postJson("/v1/nodes/keys/newnode/reject", "").body()).contains("\"state\":\"rejected\"");
                assertThat(restarted.console("node keys").body()).contains("Rejected keys:\n  newnode").contains("by " + ManagerFixture.ADMIN);
                long later = issue(cluster, "newnode", "summary");
                await().atMost(PATIENCE).untilAsserted(() -> assertThat(restarted.console("history show " + later).body())
                        .contains("not from newnode").contains("key rejected"));
                assertThat(restarted.console("retrieve_node newnode summary").body()).doesNotContain("newnode (east): OK");
            }
        }
    }

    // a ledger opened for this append reads the tail, so it links onto the manager's own node accept / reject
    // events: the views, like the agents, take only events that link onto the last one the manager appended
    private static long issue(Cluster cluster, String node, String text) {
        try (Ledger ledger = Ledger.open(cluster.bootstrapServers(), cluster.layout(), new SkippedRecords(),
                ManagerKey.load(cluster.data()))) {
            return ledger.append("operator", Origin.REST, CommandIssued.of(new Target.Unicast(node), text,
                    List.of(node), Instant.now().plus(Duration.ofMinutes(1))));
        }
    }

    private static NodeResponse forgedAnswer(CommandIssued command, long offset) {
        Instant now = Instant.now();
        return new NodeResponse(command.commandId(), offset, "rh52bare", "east", NodeStatus.OK, "pwned", now, now);
    }

    /** Writes {@code value} with a plain producer of the attacker's: no ecledger code, no key. */
    private static void forge(KafkaBroker.Handle broker, String topic, String key, byte[] value) throws Exception {
        new Outsider(broker.bootstrapServers()).write(topic, key, value);
    }
}
