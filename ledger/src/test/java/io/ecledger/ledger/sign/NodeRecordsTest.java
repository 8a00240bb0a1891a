package io.ecledger.ledger.sign;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecledger.ledger.codec.EventCodec;
import io.ecledger.ledger.event.Events;
import io.ecledger.ledger.event.MembershipEvent;
import io.ecledger.ledger.event.NodeResponse;
import io.ecledger.ledger.event.NodeStatus;
import io.ecledger.ledger.event.Seal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeRecordsTest {

    private static final NodeKey NODE = NodeKey.generate();
    private static final NodeKey OTHER = NodeKey.generate();

    @TempDir
    Path stateDir;

    @Test
    void aSignedResponseVerifiesWithItsNodeKeyAndNoOtherAfterTheTopicRoundTrip() throws Exception {
        NodeResponse signed = NodeRecords.sign(Events.response("rh52bare", NodeStatus.OK), NODE);
        byte[] onTheTopic = EventCodec.RESPONSES.encode(signed);
        NodeResponse read = EventCodec.RESPONSES.decode(onTheTopic);

        assertThat(read).isEqualTo(signed);
        assertThat(read.seal().keyFingerprint()).isEqualTo(NODE.fingerprint().value());
        assertThat(NodeRecords.responseSignedBy(onTheTopic, read.seal(), NODE.publicKey())).isTrue();
        assertThat(NodeRecords.responseSignedBy(onTheTopic, read.seal(), OTHER.publicKey())).isFalse();
    }

    @Test
    void aResponseWhoseOutputWasChangedAfterSigningDoesNotVerify() throws Exception {
        NodeResponse signed = NodeRecords.sign(Events.response("rh52bare", NodeStatus.OK), NODE);
        NodeResponse tampered = new NodeResponse(signed.commandId(), signed.ledgerOffset(), signed.node(), signed.subcluster(),
                signed.status(), "Version: 6.6.6", signed.startedAt(), signed.finishedAt(), signed.seal());

        assertThat(NodeRecords.responseSignedBy(EventCodec.RESPONSES.encode(tampered), tampered.seal(), NODE.publicKey()))
                .isFalse();
    }

    @Test
    void anUnsignedResponseDoesNotVerify() throws Exception {
        NodeResponse unsigned = Events.response("rh52bare", NodeStatus.OK);

        assertThat(unsigned.seal()).isEqualTo(Seal.NONE);
        assertThat(NodeRecords.responseSignedBy(EventCodec.RESPONSES.encode(unsigned), unsigned.seal(), NODE.publicKey()))
                .isFalse();
    }

    @Test
    void everyKindOfMembershipRecordIsSignedAndVerifiedAndTheAnnouncementCarriesThePublicKey() throws Exception {
        var id = Events.node("rh52bare", "east");
        for (MembershipEvent event : new MembershipEvent[] {
                new MembershipEvent.NodeAnnounced(id, Events.T0, NODE.publicBase64(), Seal.NONE),
                new MembershipEvent.NodeHeartbeat(id, Events.T0),
                new MembershipEvent.NodeLeft(id, Events.T0)}) {
            MembershipEvent signed = NodeRecords.sign(event, NODE);
            byte[] onTheTopic = EventCodec.MEMBERSHIP.encode(signed);
            MembershipEvent read = EventCodec.MEMBERSHIP.decode(onTheTopic);

            assertThat(read).isEqualTo(signed);
            assertThat(NodeRecords.membershipSignedBy(onTheTopic, read.seal(), NODE.publicKey())).as("%s", event).isTrue();
            assertThat(NodeRecords.membershipSignedBy(onTheTopic, read.seal(), OTHER.publicKey())).as("%s", event).isFalse();
        }
    }

    @Test
    void aNodeKeyIsMadeOnceInTheStateDirectoryReadableOnlyByItsOwner() throws Exception {
        NodeKey first = NodeKey.loadOrCreate(stateDir);
        NodeKey second = NodeKey.loadOrCreate(stateDir);

        assertThat(second.fingerprint()).isEqualTo(first.fingerprint());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stateDir.resolve(NodeKey.PRIVATE_FILE))))
                .isEqualTo("rw-------");
    }
}
