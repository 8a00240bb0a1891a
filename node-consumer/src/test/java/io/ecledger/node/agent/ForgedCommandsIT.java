package io.ecledger.node.agent;

import static io.ecledger.node.agent.AgentFixture.identity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ecledger.ledger.codec.EventCodec;
import io.ecledger.ledger.codec.LedgerHashing;
import io.ecledger.ledger.command.Origin;
import io.ecledger.ledger.command.Target;
import io.ecledger.ledger.event.CommandIssued;
import io.ecledger.ledger.event.Hash;
import io.ecledger.ledger.event.LedgerEvent;
import io.ecledger.ledger.event.NodeResponse;
import io.ecledger.ledger.event.NodeStatus;
import io.ecledger.ledger.event.Seal;
import io.ecledger.ledger.sign.KeyFingerprint;
import io.ecledger.ledger.sign.ManagerKey;
import io.ecledger.ledger.testing.KafkaBroker;
import io.ecledger.ledger.testing.Outsider;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An attacker who can write to the ledger topic with a Kafka client of their own, but has not the
 * manager's private key: whatever they write, no agent runs it, and each says so on the responses topic.
 */
@ExtendWith(KafkaBroker.class)
class ForgedCommandsIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final List<String> NODES = List.of("rh52bare", "rh52bar2");

    private AgentFixture fixture;
    private final Map<String, CountingExecutor> executors = new LinkedHashMap<>();
    private final Map<String, NodeAgent> agents = new LinkedHashMap<>();
    private TopicReader<NodeResponse> responses;

    @BeforeEach
    void agents(KafkaBroker.Handle broker) {
        fixture = new AgentFixture(broker);
        executors.put("rh52bare", new CountingExecutor());
        executors.put("rh52bar2", new CountingExecutor());
        agents.put("rh52bare", fixture.start(identity("rh52bare", "east"), executors.get("rh52bare")));
        agents.put("rh52bar2", fixture.start(identity("rh52bar2", "west"), executors.get("rh52bar2")));
        responses = fixture.responses();
    }

    @AfterEach
    void stopAgents() throws Exception {
        fixture.close();
    }

    private static CommandIssued broadcast(String text) {
        return CommandIssued.of(new Target.Broadcast(), text, NODES, Instant.now().plus(Duration.ofMinutes(1)));
    }

    private static LedgerEvent draft(CommandIssued command, Seal seal) {
        return new LedgerEvent(UUID.randomUUID(), Instant.now(), "mallory", Origin.CONSOLE, Hash.ZERO, Hash.ZERO,
                command, seal);
    }

    /** Writes {@code value} to the ledger topic with a plain producer: no ecledger code, no signer. */
    private void write(byte[] value) throws Exception {
        new Outsider(fixture.broker.bootstrapServers()).write(fixture.layout.ledger(), (byte[]) null, value);
    }

    /** The bytes of the ledger record at {@code offset}, as any reader of the topic gets them. */
    private byte[] ledgerRecord(long offset) {
        return new Outsider(fixture.broker.bootstrapServers()).read(fixture.layout.ledger(), offset);
    }

    private List<NodeResponse> awaitAnswers(UUID commandId, int count) {
        return await().atMost(PATIENCE).until(
                () -> responses.all().stream().filter(r -> r.commandId().equals(commandId)).toList(),
                list -> list.size() >= count);
    }

    private List<String> ran() {
        return executors.values().stream().flatMap(e -> e.ran().stream()).toList();
    }

    /** The next genuine command is run and answered OK by every node, so the forgery stopped nothing else. */
    private void aGenuineCommandIsStillAnsweredOk() {
        AgentFixture.Issued genuine = fixture.issue(new Target.Broadcast(), "summary");
        assertThat(awaitAnswers(genuine.commandId(), NODES.size())).extracting(NodeResponse::status)
                .containsOnly(NodeStatus.OK);
        executors.values().forEach(e -> assertThat(e.ran()).endsWith("summary"));
    }

    @Test
    void aWellFormedButUnsignedCommandIsNotRunAndEveryNodeAnswersRejectedSayingItIsUnsigned() throws Exception {
        CommandIssued forged = broadcast("shutdown");
        LedgerEvent draft = draft(forged, Seal.NONE);
        write(EventCodec.LEDGER.encode(draft.withHash(LedgerHashing.draftHash(EventCodec.LEDGER.encode(draft)))));

        assertThat(awaitAnswers(forged.commandId(), NODES.size())).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(NodeStatus.REJECTED);
            assertThat(r.output()).isEqualTo("not run: unsigned");
        }).extracting(NodeResponse::node).containsExactlyInAnyOrderElementsOf(NODES);
        assertThat(ran()).isEmpty();
        aGenuineCommandIsStillAnsweredOk();
        assertThat(ran()).doesNotContain("shutdown");
    }

    @Test
    void aByteForByteCopyOfAGenuineSignedCommandIsNotRunASecondTime() throws Exception {
        AgentFixture.Issued genuine = fixture.issue(new Target.Broadcast(), "version");
        assertThat(awaitAnswers(genuine.commandId(), NODES.size())).extracting(NodeResponse::status)
                .containsOnly(NodeStatus.OK);

        write(ledgerRecord(genuine.offset()));

        List<NodeResponse> answers = awaitAnswers(genuine.commandId(), 2 * NODES.size());
        assertThat(answers).filteredOn(r -> r.status() == NodeStatus.REJECTED).hasSize(NODES.size())
                .allSatisfy(r -> assertThat(r.output()).isEqualTo("not run: copy of command " + genuine.commandId()
                        + " already answered at offset " + genuine.offset()));
        executors.values().forEach(e -> assertThat(e.ran()).containsExactly("version"));
        aGenuineCommandIsStillAnsweredOk();
        executors.values().forEach(e -> assertThat(e.ran()).containsExactly("version", "summary"));
    }

    @Test
    void aCommandSignedByAnotherEd25519KeyIsNotRunAndTheAnswerNamesThePinnedKey() throws Exception {
        ManagerKey mallory = ManagerKey.generate();
        CommandIssued forged = broadcast("shutdown");
        LedgerEvent draft = draft(forged, mallory.pending());
        Hash hash = LedgerHashing.draftHash(EventCodec.LEDGER.encode(draft));
        write(EventCodec.LEDGER.encode(draft.withHash(hash).withSeal(mallory.seal(hash))));

        assertThat(awaitAnswers(forged.commandId(), NODES.size())).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(NodeStatus.REJECTED);
            assertThat(r.output()).isEqualTo("not run: signature does not verify with manager key "
                    + KeyFingerprint.of(fixture.managerKey()));
        });
        assertThat(ran()).isEmpty();
        aGenuineCommandIsStillAnsweredOk();
        assertThat(ran()).doesNotContain("shutdown");
    }

    @Test
    void aForgedCommandWithACorrectSha256LinkToTheLatestGenuineEventButNoOrAnotherSignatureIsNotRun() throws Exception {
        AgentFixture.Issued genuine = fixture.issue(new Target.Broadcast(), "version");
        assertThat(awaitAnswers(genuine.commandId(), NODES.size())).extracting(NodeResponse::status)
                .containsOnly(NodeStatus.OK);
        Hash latest = EventCodec.LEDGER.decode(ledgerRecord(genuine.offset())).hash();
        CommandIssued unsigned = broadcast("shutdown");
        LedgerEvent unsignedDraft = linkedDraft(unsigned, latest, Seal.NONE);
        write(EventCodec.LEDGER.encode(unsignedDraft.withHash(LedgerHashing.draftHash(EventCodec.LEDGER.encode(unsignedDraft)))));
        ManagerKey mallory = ManagerKey.generate();
        CommandIssued otherKey = broadcast("restart");
        LedgerEvent otherDraft = linkedDraft(otherKey, latest, mallory.pending());
        Hash otherHash = LedgerHashing.draftHash(EventCodec.LEDGER.encode(otherDraft));
        write(EventCodec.LEDGER.encode(otherDraft.withHash(otherHash).withSeal(mallory.seal(otherHash))));

        assertThat(awaitAnswers(unsigned.commandId(), NODES.size())).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(NodeStatus.REJECTED);
            assertThat(r.output()).isEqualTo("not run: unsigned");
        });
        assertThat(awaitAnswers(otherKey.commandId(), NODES.size())).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(NodeStatus.REJECTED);
            assertThat(r.output()).isEqualTo("not run: signature does not verify with manager key "
                    + KeyFingerprint.of(fixture.managerKey()));
        });
        executors.values().forEach(e -> assertThat(e.ran()).containsExactly("version"));
        // the manager's next event links to its own last one, which the agents still hold as the last genuine event
        aGenuineCommandIsStillAnsweredOk();
        executors.values().forEach(e -> assertThat(e.ran()).containsExactly("version", "summary"));
    }

    @Test
    void aByteCopyWrittenAfterAnAgentRestartIsRefusedAsAlreadyAnsweredByTheRestartedAgentToo() throws Exception {
        AgentFixture.Issued genuine = fixture.issue(new Target.Broadcast(), "version");
        assertThat(awaitAnswers(genuine.commandId(), NODES.size())).extracting(NodeResponse::status)
                .containsOnly(NodeStatus.OK);
        fixture.issue(new Target.Unicast("rh52bar2"), "summary");
        NodeAgent first = agents.get("rh52bare");
        first.stop();
        first.stopped().get();
        // a new incarnation, which remembers nothing but what it reads back from the ledger before its start offset
        NodeAgent restarted = fixture.start(identity("rh52bare", "east"), executors.get("rh52bare"));

        write(ledgerRecord(genuine.offset()));

        List<NodeResponse> answers = awaitAnswers(genuine.commandId(), 2 * NODES.size());
        assertThat(answers).filteredOn(r -> r.status() == NodeStatus.REJECTED)
                .extracting(NodeResponse::node).containsExactlyInAnyOrderElementsOf(NODES);
        assertThat(answers).filteredOn(r -> r.status() == NodeStatus.REJECTED).allSatisfy(r -> assertThat(r.output())
                .isEqualTo("not run: copy of command " + genuine.commandId() + " already answered at offset "
                        + genuine.offset()));
        assertThat(executors.get("rh52bare").ran()).containsExactly("version");
        assertThat(restarted.rejected()).isEqualTo(1);
        AgentFixture.Issued next = fixture.issue(new Target.Broadcast(), "status");
        assertThat(awaitAnswers(next.commandId(), NODES.size())).extracting(NodeResponse::status)
                .containsOnly(NodeStatus.OK);
        assertThat(executors.get("rh52bare").ran()).containsExactly("version", "status");
        assertThat(executors.get("rh52bar2").ran()).containsExactly("version", "summary", "status");
    }

    private static LedgerEvent linkedDraft(CommandIssued command, Hash previous, Seal seal) {
        return new LedgerEvent(UUID.randomUUID(), Instant.now(), "mallory", Origin.CONSOLE, previous, Hash.ZERO,
                command, seal);
    }
}
