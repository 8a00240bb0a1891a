package io.ecledger.ledger.event;

import java.time.Instant;
import java.util.Objects;

/** What a node agent says about itself on the membership topic, keyed by node name, sealed by the node's key. */
public sealed interface MembershipEvent permits MembershipEvent.NodeAnnounced, MembershipEvent.NodeHeartbeat, MembershipEvent.NodeLeft {

    /** The node this is about. */
    NodeIdentity identity();

    /** When the agent said it. */
    Instant at();

    /** The node key's mark; {@link Seal#NONE} from agents before node keys. */
    Seal seal();

    /** This record with {@code newSeal}. */
    MembershipEvent withSeal(Seal newSeal);

    /** The agent joined the cluster, naming its public key (base64 of its X.509 encoding; empty before node keys). */
    record NodeAnnounced(NodeIdentity identity, Instant at, String publicKey, Seal seal) implements MembershipEvent {
        public NodeAnnounced {
            Objects.requireNonNull(identity, "identity");
            Objects.requireNonNull(publicKey, "publicKey");
            Objects.requireNonNull(seal, "seal");
            at = Millis.of(at);
        }

        /** An unsigned announcement without a key, as agents wrote them before node keys. */
        public NodeAnnounced(NodeIdentity identity, Instant at) {
            this(identity, at, "", Seal.NONE);
        }

        @Override
        public NodeAnnounced withSeal(Seal newSeal) {
            return new NodeAnnounced(identity, at, publicKey, newSeal);
        }
    }

    /** The agent is alive. */
    record NodeHeartbeat(NodeIdentity identity, Instant at, Seal seal) implements MembershipEvent {
        public NodeHeartbeat {
            Objects.requireNonNull(identity, "identity");
            Objects.requireNonNull(seal, "seal");
            at = Millis.of(at);
        }

        /** An unsigned heartbeat. */
        public NodeHeartbeat(NodeIdentity identity, Instant at) {
            this(identity, at, Seal.NONE);
        }

        @Override
        public NodeHeartbeat withSeal(Seal newSeal) {
            return new NodeHeartbeat(identity, at, newSeal);
        }
    }

    /** The agent left the cluster cleanly. */
    record NodeLeft(NodeIdentity identity, Instant at, Seal seal) implements MembershipEvent {
        public NodeLeft {
            Objects.requireNonNull(identity, "identity");
            Objects.requireNonNull(seal, "seal");
            at = Millis.of(at);
        }

        /** An unsigned departure. */
        public NodeLeft(NodeIdentity identity, Instant at) {
            this(identity, at, Seal.NONE);
        }

        @Override
        public NodeLeft withSeal(Seal newSeal) {
            return new NodeLeft(identity, at, newSeal);
        }
    }
}
