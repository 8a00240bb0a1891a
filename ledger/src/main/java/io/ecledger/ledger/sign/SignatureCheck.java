package io.ecledger.ledger.sign;

import io.ecledger.ledger.codec.HashedEvent;
import io.ecledger.ledger.codec.UndecodableRecordException;
import io.ecledger.ledger.event.LedgerEvent;
import java.security.PublicKey;
import java.security.interfaces.EdECPublicKey;

/**
 * Checks one encoded ledger record against a pinned manager public key: its hash must match its
 * content and its signature must verify over that hash. No I/O and no state a caller sees; the chain link
 * is {@code ChainVerifier}'s business.
 */
public final class SignatureCheck {

    private final PublicKey managerKey;
    private final KeyFingerprint fingerprint;
    private final KeyPairFiles.Verifier verifier;

    /** A check pinned to {@code managerKey}, which must be an Ed25519 key. */
    public SignatureCheck(PublicKey managerKey) {
        if (!(managerKey instanceof EdECPublicKey)
                || !KeyFiles.ALGORITHM.equals(((EdECPublicKey) managerKey).getParams().getName())) {
            throw new IllegalArgumentException("the manager key is Ed25519, not " + managerKey.getAlgorithm());
        }
        this.managerKey = managerKey;
        this.fingerprint = KeyFingerprint.of(managerKey);
        this.verifier = new KeyPairFiles.Verifier(managerKey);
    }

    /** Checks {@code encoded} against {@code managerKey}. */
    public static SignatureVerdict check(byte[] encoded, PublicKey managerKey) {
        return new SignatureCheck(managerKey).check(encoded);
    }

    /** The pinned key. */
    public PublicKey publicKey() {
        return managerKey;
    }

    /** The fingerprint of the pinned key. */
    public KeyFingerprint fingerprint() {
        return fingerprint;
    }

    /** Verified, or refused with the reason. */
    public SignatureVerdict check(byte[] encoded) {
        HashedEvent hashed;
        try {
            hashed = HashedEvent.of(encoded);
        } catch (UndecodableRecordException e) {
            return new SignatureVerdict.Refused("not a ledger event: " + e.getMessage());
        }
        return check(hashed);
    }

    /** Verified, or refused with the reason, for a record already decoded with its content hash. */
    public SignatureVerdict check(HashedEvent hashed) {
        if (!hashed.sound()) {
            return new SignatureVerdict.Refused(hashed.mismatch());
        }
        LedgerEvent event = hashed.event();
        if (!event.seal().isSigned()) {
            return new SignatureVerdict.Refused("unsigned");
        }
        if (!verifies(event.hash().bytes(), event.seal().signature())) {
            return new SignatureVerdict.Refused("signature does not verify with manager key " + fingerprint);
        }
        return new SignatureVerdict.Verified(fingerprint);
    }

    private boolean verifies(byte[] message, byte[] signature) {
        return verifier.verifies(message, signature);
    }
}
