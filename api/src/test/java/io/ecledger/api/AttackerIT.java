package io.ecledger.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecledger.api.testing.Cluster;
import io.ecledger.api.testing.ManagerFixture;
import io.ecledger.api.testing.SeededCluster;
import io.ecledger.ledger.codec.EventCodec;
import io.ecledger.ledger.codec.LedgerHashing;
import io.ecledger.ledger.command.Origin;
import io.ecledger.ledger.command.Target;
import io.ecledger.ledger.event.CommandIssued;
import io.ecledger.ledger.event.ConfigChanged;
import io.ecledger.ledger.event.Events;
import io.ecledger.ledger.event.Hash;
import io.ecledger.ledger.event.LedgerEvent;
import io.ecledger.ledger.event.MembershipEvent;
import io.ecledger.ledger.event.NodeIdentity;
import io.ecledger.ledger.event.NodeResponse;
import io.ecledger.ledger.event.NodeStatus;
import io.ecledger.ledger.event.Payload;
import io.ecledger.ledger.event.Seal;
import io.ecledger.ledger.sign.ManagerKey;
import io.ecledger.ledger.sign.NodeKey;
import io.ecledger.ledger.sign.NodeRecords;
import io.ecledger.ledger.testing.KafkaBroker;
import io.ecledger.ledger.testing.Outsider;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An attacker who can write to every topic with a Kafka client of their own (no ecledger code, no manager or node
 * key), against a real manager and the seed's three agents. For each attack: no node's executor runs anything, the
 * views a user reads are what they were, the refusal is visible, and the next genuine command is answered OK by all
 * three nodes.
 */
@ExtendWith(KafkaBroker.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AttackerIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern OFFSET = Pattern.compile("at ledger offset (\\d+)");
    private static final List<String> NODES = List.of("rh52bare", "rh52mgr", "rh52bar2");

    private KafkaBroker.Handle broker;
    private Cluster cluster;
    private ManagerFixture manager;

    @BeforeAll
    void startCluster(KafkaBroker.Handle broker) {
        this.broker = broker;
        this.cluster = SeededCluster.fresh(broker).withSeedConf().start();
        this.manager = cluster.manager();
    }

    @AfterAll
    void closeCluster() {
        cluster.close();
    }

    /** What a user reads: the history, the latest {@code version} results, the membership. */
    private record Views(String history, String retrieve, String membership) {}

    private Views views() {
        return new Views(manager.console("history").body(), manager.console("retrieve version").body(),
                manager.console("show cluster membership").body());
    }

    @Test
    void garbageBytesOnTheLedgerAreShownAsNotFromTheManagerAndChangeNothing() throws Exception {
        Before before = genuineVersion();

        long offset = writeLedger(new byte[] {0x13, 0x37, 0x00, 0x42, 0x7f});

        assertRefusedAt(offset, "not a ledger event");
        assertNothingChanged(before);
    }

    @Test
    void aWellFormedUnsignedCommandIsNotRunNorShown() throws Exception {
        Before before = genuineVersion();

        long offset = writeLedger(EventCodec.LEDGER.encode(hashed(draft(version(), Hash.ZERO, Seal.NONE))));

        assertRefusedAt(offset, "unsigned");
        assertNodesRefusedAt(offset, "not run: unsigned");
        assertNothingChanged(before);
    }

    @Test
    void byteCopiesOfAGenuineCommandAndOfAGenuineFlushAreRefusedAndTheResultsStayRetrievable() throws Exception {
        String flushed = manager.console("flush control cache").body();
        long flushOffset = offsetIn(flushed);
        Before before = genuineVersion();

        long commandCopy = writeLedger(ledgerRecord(before.offset()));
        long flushCopy = writeLedger(ledgerRecord(flushOffset));

        assertRefusedAt(commandCopy, "does not follow the ledger event at offset");
        assertRefusedAt(flushCopy, "does not follow the ledger event at offset");
        assertThat(manager.console("retrieve version").body()).contains("rh52bare (east): OK", "rh52mgr (east): OK",
                "rh52bar2 (west): OK");
        assertNothingChanged(before);
    }

    @Test
    void aCommandSignedByAnotherKeyIsNotRunNorShown() throws Exception {
        Before before = genuineVersion();
        ManagerKey mallory = ManagerKey.generate();

        long offset = writeLedger(EventCodec.LEDGER.encode(signed(draft(version(), Hash.ZERO, mallory.pending()), mallory)));

        assertRefusedAt(offset, "signature does not verify with manager key");
        assertNodesRefusedAt(offset, "not run: signature does not verify with manager key");
        assertNothingChanged(before);
    }

    @Test
    void aForgedCommandWithACorrectSha256LinkToTheLatestGenuineEventIsNotRunNorShown() throws Exception {
        Before before = genuineVersion();
        Hash latest = EventCodec.LEDGER.decode(ledgerRecord(before.offset())).hash();
        ManagerKey mallory = ManagerKey.generate();

        long unsigned = writeLedger(EventCodec.LEDGER.encode(hashed(draft(version(), latest, Seal.NONE))));
        long otherKey = writeLedger(EventCodec.LEDGER.encode(signed(draft(version(), latest, mallory.pending()), mallory)));

        assertRefusedAt(unsigned, "unsigned");
        assertRefusedAt(otherKey, "signature does not verify with manager key");
        assertNothingChanged(before);
    }

    @Test
    void aForgedConfigChangeKeyDecisionAndKeyRotationChangeNoViewAndTheManagersKeyStillSigns() throws Exception {
        Before before = genuineVersion();
        String config = manager.console("config get Control_Listener Listen /tmp/2025 file_mode").body();
        assertThat(config).isEqualTo("file_mode = 0666");
        ConfigChanged wideOpen = new ConfigChanged(ConfigChanged.Action.SET, Events.configSet().scopePath(), "file_mode",
                Optional.of("0777"));
        String nodeKeys = manager.console("node keys").body();
        Hash latest = EventCodec.LEDGER.decode(ledgerRecord(before.offset())).hash();
        ManagerKey mallory = ManagerKey.generate();

        long configChange = writeLedger(EventCodec.LEDGER.encode(signed(draft(wideOpen, latest,
                mallory.pending()), mallory)));
        long keyDecision = writeLedger(EventCodec.LEDGER.encode(hashed(draft(Events.keyDecided("rh52bare"), latest,
                Seal.NONE))));
        long rotation = writeLedger(EventCodec.LEDGER.encode(signed(draft(mallory.rotationToThis(), latest,
                mallory.pending()), mallory)));

        assertRefusedAt(configChange, "signature does not verify with manager key");
        assertRefusedAt(keyDecision, "unsigned");
        assertRefusedAt(rotation, "signature does not verify with manager key");
        assertThat(manager.console("config get Control_Listener Listen /tmp/2025 file_mode").body()).isEqualTo(config);
        assertThat(manager.console("node keys").body()).isEqualTo(nodeKeys);
        // had the rotation been followed, the manager's next event would be refused: assertNothingChanged shows it is not
        assertNothingChanged(before);
    }

    @Test
    void aForgedResponseForARealCommandInANodesNameIsQuarantinedAndTheRealAnswerStands() throws Exception {
        Before before = genuineVersion();
        long quarantined = manager.quarantinedRecords();
        Instant now = Instant.now();
        UUID commandId = commandIdAt(before.offset());
        NodeResponse forged = new NodeResponse(commandId, before.offset(), "rh52bare", "east", NodeStatus.ERROR, "pwned",
                now, now);

        write(cluster.layout().responses(), commandId.toString().getBytes(), EventCodec.RESPONSES.encode(forged));
        write(cluster.layout().responses(), commandId.toString().getBytes(),
                EventCodec.RESPONSES.encode(NodeRecords.sign(forged, NodeKey.generate())));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(manager.quarantinedRecords()).isEqualTo(quarantined + 2));
        assertThat(manager.console("history show " + before.offset()).body()).contains("not from rh52bare: a ERROR response");
        assertNothingChanged(before);
    }

    @Test
    void aForgedDepartureInANodesNameIsQuarantinedAndTheNodeStaysAlive() throws Exception {
        Before before = genuineVersion();
        long quarantined = manager.quarantinedRecords();
        NodeIdentity rh52bare = new NodeIdentity("rh52bare", "east", "rh52bare.example.com", "test");

        write(cluster.layout().membership(), "rh52bare".getBytes(),
                EventCodec.MEMBERSHIP.encode(new MembershipEvent.NodeLeft(rh52bare, Instant.now())));
        write(cluster.layout().membership(), "rh52bare".getBytes(), EventCodec.MEMBERSHIP.encode(
                NodeRecords.sign(new MembershipEvent.NodeLeft(rh52bare, Instant.now()), NodeKey.generate())));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(manager.quarantinedRecords()).isEqualTo(quarantined + 2));
        assertThat(manager.console("show cluster membership").body()).containsPattern("rh52bare .* alive");
        assertNothingChanged(before);
    }

    /** The state before an attack: a genuine {@code version} answered by all, the views and the executor counts. */
    private record Before(long offset, Views views, Map<String, Long> executorCalls) {}

    private Before genuineVersion() {
        long offset = offsetIn(manager.console("broadcast version").body());
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(manager.console("retrieve version").body())
                .contains("at ledger offset " + offset)
                .contains("rh52bare (east): OK", "rh52mgr (east): OK", "rh52bar2 (west): OK"));
        return new Before(offset, views(), cluster.executorCalls());
    }

    /** {@code history show OFFSET} says the record there is not the manager's, and why; the metric counts it. */
    private void assertRefusedAt(long offset, String reason) throws Exception {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(manager.console("history show " + offset).body())
                .startsWith("offset " + offset + ": not from the manager: ").contains(reason));
        JsonNode shown = JSON.readTree(manager.get("/v1/history/" + offset).body());
        assertThat(shown.path("kind").asText()).isEqualTo("not from the manager");
        assertThat(shown.path("summary").asText()).contains(reason);
        assertThat(manager.quarantinedRecords()).isPositive();
    }

    /**
     * The agents' REJECTED answers to a command the projection never showed are still kept: the ledger-chain health
     * says they refused the record at {@code offset}.
     */
    private void assertNodesRefusedAt(long offset, String reason) {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(JSON.readTree(manager.admin("/healthcheck").body())
                .path("ledger-chain").path("message").asText())
                .contains("nodes refused to run").contains("latest the record at offset " + offset).contains(reason));
    }

    /**
     * Nothing ran, the views are what they were, and the next genuine command is answered OK by every node, each
     * executor running it once: once its answers are in, every agent has also read past the attack.
     */
    private void assertNothingChanged(Before before) {
        assertThat(views()).isEqualTo(before.views());
        long offset = offsetIn(manager.console("broadcast summary").body());
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(manager.console("retrieve summary").body())
                .contains("at ledger offset " + offset)
                .contains("rh52bare (east): OK", "rh52mgr (east): OK", "rh52bar2 (west): OK"));
        Map<String, Long> calls = cluster.executorCalls();
        for (String node : NODES) {
            assertThat(calls.get(node)).as("executor calls of %s", node).isEqualTo(before.executorCalls().get(node) + 1);
        }
    }

    private static long offsetIn(String answer) {
        Matcher matcher = OFFSET.matcher(answer);
        assertThat(matcher.find()).as("a ledger offset in %s", answer).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    private UUID commandIdAt(long offset) throws Exception {
        return ((CommandIssued) EventCodec.LEDGER.decode(ledgerRecord(offset)).payload()).commandId();
    }

    private static CommandIssued version() {
        return CommandIssued.of(new Target.Broadcast(), "version", NODES, Instant.now().plus(Duration.ofMinutes(1)));
    }

    private static LedgerEvent draft(Payload payload, Hash previous, Seal seal) {
        return new LedgerEvent(UUID.randomUUID(), Instant.now(), "mallory", Origin.CONSOLE, previous, Hash.ZERO, payload,
                seal);
    }

    /** {@code draft} with the right SHA-256 of its content. */
    private static LedgerEvent hashed(LedgerEvent draft) {
        return draft.withHash(LedgerHashing.draftHash(EventCodec.LEDGER.encode(draft)));
    }

    private static LedgerEvent signed(LedgerEvent draft, ManagerKey key) {
        Hash hash = LedgerHashing.draftHash(EventCodec.LEDGER.encode(draft));
        return draft.withHash(hash).withSeal(key.seal(hash));
    }

    private long writeLedger(byte[] value) throws Exception {
        return write(cluster.layout().ledger(), null, value);
    }

    /** Writes {@code value} with a plain producer of the attacker's; returns its offset. */
    private long write(String topic, byte[] key, byte[] value) throws Exception {
        return new Outsider(broker.bootstrapServers()).write(topic, key, value);
    }

    /** The bytes of the ledger record at {@code offset}, as any reader of the topic gets them. */
    private byte[] ledgerRecord(long offset) {
        return new Outsider(broker.bootstrapServers()).read(cluster.layout().ledger(), offset);
    }
}
