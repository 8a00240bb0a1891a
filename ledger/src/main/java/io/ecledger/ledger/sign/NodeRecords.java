package io.ecledger.ledger.sign;

import io.ecledger.ledger.codec.EventCodec;
import io.ecledger.ledger.codec.LedgerHashing;
import io.ecledger.ledger.codec.UndecodableRecordException;
import io.ecledger.ledger.event.Hash;
import io.ecledger.ledger.event.MembershipEvent;
import io.ecledger.ledger.event.NodeResponse;
import io.ecledger.ledger.event.Seal;
import java.security.PublicKey;

/**
 * Signs and checks what a node agent writes in its own name (responses, membership records) with its node key:
 * Ed25519 over the SHA-256 of the record as its writer schema encodes it, the signature emptied and the key's
 * fingerprint in place, the pattern ledger events follow with the manager's key.
 */
public final class NodeRecords {

    // marker (2 bytes) and schema fingerprint (8 bytes) before the Avro body
    private static final int SINGLE_OBJECT_HEADER = 10;

    private NodeRecords() {}

    /** {@code response} sealed by {@code key}. */
    public static NodeResponse sign(NodeResponse response, NodeKey key) {
        NodeResponse draft = response.withSeal(key.pending());
        return draft.withSeal(key.seal(draftHash(EventCodec.RESPONSES.encode(draft))));
    }

    /** {@code event} sealed by {@code key}. */
    public static MembershipEvent sign(MembershipEvent event, NodeKey key) {
        MembershipEvent draft = event.withSeal(key.pending());
        return draft.withSeal(key.seal(draftHash(EventCodec.MEMBERSHIP.encode(draft))));
    }

    /** Whether the encoded response {@code encoded} carries a signature by {@code key} over its content. */
    public static boolean responseSignedBy(byte[] encoded, Seal seal, PublicKey key) throws UndecodableRecordException {
        return NodeKey.verifies(key, LedgerHashing.signedHash(EventCodec.RESPONSES, encoded), seal);
    }

    /** Whether the encoded membership record {@code encoded} carries a signature by {@code key} over its content. */
    public static boolean membershipSignedBy(byte[] encoded, Seal seal, PublicKey key) throws UndecodableRecordException {
        return NodeKey.verifies(key, LedgerHashing.signedHash(EventCodec.MEMBERSHIP, encoded), seal);
    }

    // a draft's encoding, signature still empty, is already what signedHash rebuilds: hash its body directly
    private static Hash draftHash(byte[] encodedDraft) {
        return Hash.sha256(encodedDraft, SINGLE_OBJECT_HEADER, encodedDraft.length - SINGLE_OBJECT_HEADER);
    }
}
