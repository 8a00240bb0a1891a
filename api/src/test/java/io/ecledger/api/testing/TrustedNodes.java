package io.ecledger.api.testing;

import io.ecledger.ledger.event.MembershipEvent;
import io.ecledger.ledger.event.NodeKeyDecided;
import io.ecledger.ledger.event.NodeResponse;
import io.ecledger.ledger.sign.NodeKey;
import io.ecledger.ledger.sign.NodeRecords;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Node keys for fixtures that write records in nodes' names as their agents would: one key per node, made on
 * first use, with the {@code node accept} decision the ledger needs before the projection shows what it signs.
 */
public final class TrustedNodes {

    private final Map<String, NodeKey> keys = new ConcurrentHashMap<>();

    /** The key {@code node} signs with. */
    public NodeKey key(String node) {
        return keys.computeIfAbsent(node, n -> NodeKey.generate());
    }

    /** The acceptance of {@code node}'s key, the first time the node is named; empty after. */
    public Optional<NodeKeyDecided> acceptanceOnFirstUse(String node) {
        if (keys.containsKey(node)) {
            return Optional.empty();
        }
        return Optional.of(acceptance(node));
    }

    /** {@code node accept NODE} of its key. */
    public NodeKeyDecided acceptance(String node) {
        NodeKey key = key(node);
        return new NodeKeyDecided(node, key.fingerprint().value(), key.publicBase64(), NodeKeyDecided.Decision.ACCEPTED);
    }

    /** {@code response} signed by its node's key. */
    public NodeResponse sign(NodeResponse response) {
        return NodeRecords.sign(response, key(response.node()));
    }

    /** {@code event} signed by its node's key; an announcement names that key. */
    public MembershipEvent sign(MembershipEvent event) {
        NodeKey key = key(event.identity().node());
        MembershipEvent named = event instanceof MembershipEvent.NodeAnnounced a && a.publicKey().isEmpty()
                ? new MembershipEvent.NodeAnnounced(a.identity(), a.at(), key.publicBase64(), a.seal()) : event;
        return NodeRecords.sign(named, key);
    }
}
