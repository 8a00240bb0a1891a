package io.ecledger.api.projection;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecledger.ledger.codec.EventCodec;
import io.ecledger.ledger.event.Events;
import io.ecledger.ledger.event.MembershipEvent;
import io.ecledger.ledger.event.NodeKeyDecided;
import io.ecledger.ledger.event.NodeResponse;
import io.ecledger.ledger.event.NodeStatus;
import io.ecledger.ledger.event.Seal;
import io.ecledger.ledger.sign.NodeKey;
import io.ecledger.ledger.sign.NodeRecords;
import io.ecledger.ledger.sign.VerifiedSignatures;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** How announcements, NodeKeyDecided events and signed records fold into node keys, kept rows and the quarantine. */
class NodeKeyFoldingTest {

    private static final NodeKey KEY = NodeKey.generate();
    private static final NodeKey MALLORY = NodeKey.generate();

    private long ledgerOffset;
    private long recordOffset;

    @Test
    void aResponseSignedByAPendingKeyIsQuarantinedUntilTheKeyIsAcceptedThenShown() {
        Jdbi jdbi = ProjectionFixture.inMemoryH2();
        NodeResponse answer = NodeRecords.sign(Events.response("rh52bare", NodeStatus.OK), KEY);

        apply(jdbi, announce(KEY), response(answer));
        assertThat(keptNodes(jdbi)).isEmpty();
        assertThat(reasons(jdbi)).singleElement().asString().startsWith("key pending: " + KEY.fingerprint());
        assertThat(state(jdbi)).isEqualTo(KeyState.PENDING);

        apply(jdbi, decision(KEY, NodeKeyDecided.Decision.ACCEPTED));
        assertThat(keptNodes(jdbi)).containsExactly("rh52bare");
        assertThat(reasons(jdbi)).isEmpty();
        assertThat(state(jdbi)).isEqualTo(KeyState.ACCEPTED);
    }

    @Test
    void unsignedAndForeignRecordsAreQuarantinedNamingTheAcceptedKeyAndTheRealAnswerIsKept() {
        Jdbi jdbi = ProjectionFixture.inMemoryH2();
        NodeResponse real = NodeRecords.sign(Events.response("rh52bare", NodeStatus.OK), KEY);
        NodeResponse unsigned = new NodeResponse(real.commandId(), 7, "rh52bare", "east", NodeStatus.OK, "pwned",
                Events.T0, Events.T0);
        NodeResponse foreign = NodeRecords.sign(unsigned, MALLORY);

        apply(jdbi, decision(KEY, NodeKeyDecided.Decision.ACCEPTED), response(unsigned), response(foreign), response(real),
                membership(new MembershipEvent.NodeLeft(Events.node("rh52bare", "east"), Events.T0)));

        assertThat(keptOutputs(jdbi)).containsExactly(real.output());
        assertThat(reasons(jdbi)).hasSize(2).allSatisfy(reason -> assertThat(reason)
                .contains("not signed by node rh52bare's accepted key " + KEY.fingerprint()));
        assertThat(reasons(jdbi)).anySatisfy(reason -> assertThat(reason).contains("unknown key " + MALLORY.fingerprint()));
    }

    @Test
    void aRejectionTakesTheKeysResponsesAndMembershipOutOfTheViews() {
        Jdbi jdbi = ProjectionFixture.inMemoryH2();
        apply(jdbi, decision(KEY, NodeKeyDecided.Decision.ACCEPTED), announce(KEY),
                response(NodeRecords.sign(Events.response("rh52bare", NodeStatus.OK), KEY)));
        assertThat(keptNodes(jdbi)).containsExactly("rh52bare");
        assertThat(rows(jdbi, "cluster_member")).isEqualTo(1);

        apply(jdbi, decision(KEY, NodeKeyDecided.Decision.REJECTED));

        assertThat(keptNodes(jdbi)).isEmpty();
        assertThat(rows(jdbi, "cluster_member")).isZero();
        assertThat(reasons(jdbi)).isNotEmpty().allSatisfy(reason -> assertThat(reason).startsWith("key rejected: "));
    }

    @Test
    void theTopicsInAnyOrderFoldToTheSameRows() {
        List<ProjectedRecord> records = new ArrayList<>(List.of(
                announce(KEY),
                response(NodeRecords.sign(Events.response("rh52bare", NodeStatus.OK), KEY)),
                response(NodeRecords.sign(Events.response("rh52bare", NodeStatus.ERROR), MALLORY)),
                decision(KEY, NodeKeyDecided.Decision.ACCEPTED)));
        Jdbi inOrder = ProjectionFixture.inMemoryH2();
        apply(inOrder, records.toArray(ProjectedRecord[]::new));
        Collections.reverse(records);
        Jdbi reversed = ProjectionFixture.inMemoryH2();
        apply(reversed, records.toArray(ProjectedRecord[]::new));

        assertThat(keptOutputs(reversed)).isEqualTo(keptOutputs(inOrder)).hasSize(1);
        assertThat(reasons(reversed)).isEqualTo(reasons(inOrder)).hasSize(1);
        assertThat(rows(reversed, "cluster_member")).isEqualTo(rows(inOrder, "cluster_member")).isEqualTo(1);
    }

    @Test
    void anAnnouncementNotSignedByTheKeyItNamesRegistersNoKey() {
        Jdbi jdbi = ProjectionFixture.inMemoryH2();
        MembershipEvent claim = new MembershipEvent.NodeAnnounced(Events.node("rh52bare", "east"), Events.T0,
                KEY.publicBase64(), Seal.NONE);

        apply(jdbi, membership(NodeRecords.sign(claim, MALLORY)));

        assertThat(jdbi.withExtension(NodeKeyDao.class, NodeKeyDao::keys)).isEmpty();
    }

    @Test
    void signaturesVerifiedAheadOnOtherThreadsDecideNothing() {
        // turning the memory on changes no verdict, so it may stay on for the rest of this JVM's tests
        VerifiedSignatures.rememberInThisProcess();
        Jdbi jdbi = ProjectionFixture.inMemoryH2();
        apply(jdbi, decision(KEY, NodeKeyDecided.Decision.ACCEPTED));
        List<ProjectedRecord> batch = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            batch.add(response(NodeRecords.sign(Events.response("rh52bare", NodeStatus.OK), KEY)));
        }
        NodeResponse real = NodeRecords.sign(Events.response("rh52bare", NodeStatus.OK), KEY);
        batch.add(response(new NodeResponse(real.commandId(), real.ledgerOffset(), real.node(), real.subcluster(),
                real.status(), "tampered after signing", real.startedAt(), real.finishedAt(), real.seal())));
        batch.add(response(NodeRecords.sign(Events.response("rh52bare", NodeStatus.OK), MALLORY)));

        assertThat(new SignaturePrefetch(jdbi).prefetch(batch)).as("the ten genuine ones").isEqualTo(10);
        apply(jdbi, batch.toArray(ProjectedRecord[]::new));

        assertThat(rows(jdbi, "node_response")).isEqualTo(10);
        assertThat(reasons(jdbi)).hasSize(2);
        assertThat(keptOutputs(jdbi)).doesNotContain("tampered after signing");
    }

    private void apply(Jdbi jdbi, ProjectedRecord... records) {
        jdbi.useExtension(ProjectionDao.class, dao -> dao.apply(List.of(records), List.of()));
    }

    private ProjectedRecord decision(NodeKey key, NodeKeyDecided.Decision decision) {
        return new ProjectedRecord.LedgerRecord(ledgerOffset++, Events.event(
                new NodeKeyDecided("rh52bare", key.fingerprint().value(), key.publicBase64(), decision)));
    }

    private ProjectedRecord announce(NodeKey key) {
        return membership(NodeRecords.sign(new MembershipEvent.NodeAnnounced(Events.node("rh52bare", "east"), Events.T0,
                key.publicBase64(), Seal.NONE), key));
    }

    private ProjectedRecord membership(MembershipEvent event) {
        byte[] encoded = EventCodec.MEMBERSHIP.encode(event);
        return new ProjectedRecord.MembershipRecord(event, new ProjectedRecord.Source("m", 0, recordOffset++, encoded));
    }

    private ProjectedRecord response(NodeResponse response) {
        byte[] encoded = EventCodec.RESPONSES.encode(response);
        return new ProjectedRecord.ResponseRecord(response, new ProjectedRecord.Source("r", 0, recordOffset++, encoded));
    }

    private static List<String> keptNodes(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("SELECT node FROM node_response ORDER BY node").mapTo(String.class).list());
    }

    private static List<String> keptOutputs(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("SELECT output FROM node_response ORDER BY output").mapTo(String.class).list());
    }

    private static List<String> reasons(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("SELECT reason FROM quarantined_record WHERE kind = 'RESPONSE' ORDER BY reason")
                .mapTo(String.class).list());
    }

    private static KeyState state(Jdbi jdbi) {
        return jdbi.withExtension(NodeKeyDao.class, NodeKeyDao::keys).get(0).state();
    }

    private static int rows(Jdbi jdbi, String table) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Integer.class).one());
    }
}
