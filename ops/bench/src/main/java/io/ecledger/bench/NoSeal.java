package io.ecledger.bench;

import io.ecledger.ledger.codec.HashedEvent;
import io.ecledger.ledger.event.Hash;
import io.ecledger.ledger.event.Seal;
import io.ecledger.ledger.sign.KeyFingerprint;
import io.ecledger.ledger.sign.Signer;

/**
 * The benchmark's floor for signing: a {@link Signer} that names no key and seals nothing, so a ledger given it
 * writes events exactly as the signing one does except for the Ed25519 signature and the key's fingerprint. It lives
 * here, not in production code: no manager can be configured to append unsigned events.
 */
final class NoSeal implements Signer {

    // Signer wants a fingerprint for its log lines; this one is well-formed and names no key anyone holds
    private static final KeyFingerprint NOBODY = new KeyFingerprint("SHA256:" + "A".repeat(43));

    @Override
    public KeyFingerprint fingerprint() {
        return NOBODY;
    }

    @Override
    public Seal pending() {
        return Seal.NONE;
    }

    @Override
    public Seal seal(Hash hash) {
        return Seal.NONE;
    }

    /** What it sealed is what carries no signature: the tail it chains onto is the last unsigned event. */
    @Override
    public boolean sealed(HashedEvent hashed) {
        return !hashed.event().seal().isSigned();
    }
}
