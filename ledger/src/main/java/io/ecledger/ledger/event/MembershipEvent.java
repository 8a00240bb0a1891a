package io.ecledger.ledger.event;

import java.time.Instant;
import java.util.Objects;

/** What a node agent says about itself on the membership topic, keyed by node name. */
public sealed interface MembershipEvent permits MembershipEvent.NodeAnnounced, MembershipEvent.NodeHeartbeat, MembershipEvent.NodeLeft {

    /** The node this is about. */
    NodeIdentity identity();

    /** When the agent said it. */
    Instant at();

    /** The agent joined the cluster. */
    record NodeAnnounced(NodeIdentity identity, Instant at) implements MembershipEvent {
        public NodeAnnounced {
            Objects.requireNonNull(identity, "identity");
            at = Millis.of(at);
        }
    }

    /** The agent is alive. */
    record NodeHeartbeat(NodeIdentity identity, Instant at) implements MembershipEvent {
        public NodeHeartbeat {
            Objects.requireNonNull(identity, "identity");
            at = Millis.of(at);
        }
    }

    /** The agent left the cluster cleanly. */
    record NodeLeft(NodeIdentity identity, Instant at) implements MembershipEvent {
        public NodeLeft {
            Objects.requireNonNull(identity, "identity");
            at = Millis.of(at);
        }
    }
}
