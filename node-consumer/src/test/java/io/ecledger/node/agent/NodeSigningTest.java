package io.ecledger.node.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecledger.ledger.codec.EventCodec;
import io.ecledger.ledger.sign.NodeRecords;
import io.ecledger.ledger.event.Events;
import io.ecledger.ledger.event.MembershipEvent;
import io.ecledger.ledger.event.NodeResponse;
import io.ecledger.ledger.event.NodeStatus;
import io.ecledger.ledger.sign.NodeKey;
import org.junit.jupiter.api.Test;

class NodeSigningTest {

    private static final NodeKey KEY = NodeKey.generate();

    @Test
    void everyResponseStatusGoesOutSignedByTheNodeKey() throws Exception {
        for (NodeStatus status : NodeStatus.values()) {
            byte[] sent = NodeSigning.responses(KEY).serialize("t", Events.response("rh52bare", status));
            NodeResponse read = EventCodec.RESPONSES.decode(sent);

            assertThat(read.seal().keyFingerprint()).as("%s", status).isEqualTo(KEY.fingerprint().value());
            assertThat(NodeRecords.responseSignedBy(sent, read.seal(), KEY.publicKey())).as("%s", status).isTrue();
        }
    }

    @Test
    void anAnnouncementNamesTheNodeKeyAndEveryMembershipRecordIsSignedByIt() throws Exception {
        var id = Events.node("rh52bare", "east");
        for (MembershipEvent event : new MembershipEvent[] {new MembershipEvent.NodeAnnounced(id, Events.T0),
                new MembershipEvent.NodeHeartbeat(id, Events.T0), new MembershipEvent.NodeLeft(id, Events.T0)}) {
            byte[] sent = NodeSigning.membership(KEY).serialize("t", event);
            MembershipEvent read = EventCodec.MEMBERSHIP.decode(sent);

            assertThat(NodeRecords.membershipSignedBy(sent, read.seal(), KEY.publicKey())).as("%s", event).isTrue();
            if (read instanceof MembershipEvent.NodeAnnounced announced) {
                assertThat(announced.publicKey()).isEqualTo(KEY.publicBase64());
            }
        }
    }
}
