package io.ecledger.node.agent;

import io.ecledger.ledger.codec.EventCodec;
import io.ecledger.ledger.sign.NodeRecords;
import io.ecledger.ledger.event.MembershipEvent;
import io.ecledger.ledger.event.NodeResponse;
import io.ecledger.ledger.sign.NodeKey;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The agent's serializers: every response (REJECTED and EXPIRED ones too) and every membership record is sealed
 * by the node key as it is encoded, and an announcement names that key, so nothing the agent writes goes out unsigned.
 */
final class NodeSigning {

    private NodeSigning() {}

    static Serializer<NodeResponse> responses(NodeKey key) {
        return (topic, response) -> response == null ? null : EventCodec.RESPONSES.encode(NodeRecords.sign(response, key));
    }

    static Serializer<MembershipEvent> membership(NodeKey key) {
        return (topic, event) -> event == null ? null : EventCodec.MEMBERSHIP.encode(NodeRecords.sign(announcing(event, key), key));
    }

    private static MembershipEvent announcing(MembershipEvent event, NodeKey key) {
        if (event instanceof MembershipEvent.NodeAnnounced announced && announced.publicKey().isEmpty()) {
            return new MembershipEvent.NodeAnnounced(announced.identity(), announced.at(), key.publicBase64(), announced.seal());
        }
        return event;
    }
}
