package io.ecledger.ledger.event;

import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * A signer's mark: on a ledger event by the manager's key, on a node's response or membership
 * record by that node's key. The fingerprint of the key that signs it (part of the hashed
 * content) and the Ed25519 signature over that hash (left out of the hash, which it signs).
 * Records written before events were signed carry {@link #NONE}.
 */
public final class Seal {

    /** No key named, no signature: what records from before signing decode to. */
    public static final Seal NONE = new Seal("", new byte[0]);

    private final String keyFingerprint;
    private final byte[] signature;

    private Seal(String keyFingerprint, byte[] signature) {
        this.keyFingerprint = keyFingerprint;
        this.signature = signature;
    }

    /** A seal naming {@code keyFingerprint} with {@code signature}; both empty means {@link #NONE}. */
    public static Seal of(String keyFingerprint, byte[] signature) {
        Objects.requireNonNull(keyFingerprint, "keyFingerprint");
        Objects.requireNonNull(signature, "signature");
        if (keyFingerprint.isEmpty() && signature.length > 0) {
            throw new IllegalArgumentException("a signature needs the fingerprint of the key that made it");
        }
        return keyFingerprint.isEmpty() ? NONE : new Seal(keyFingerprint, signature.clone());
    }

    /** The seal of an event being drafted: the key is named (so it is hashed), the signature still empty. */
    public static Seal pending(String keyFingerprint) {
        if (keyFingerprint.isEmpty()) {
            throw new IllegalArgumentException("a pending seal names the key that will sign");
        }
        return new Seal(keyFingerprint, new byte[0]);
    }

    /** {@code SHA256:…} of the key that signed, or empty. */
    public String keyFingerprint() {
        return keyFingerprint;
    }

    /** A copy of the signature bytes; empty when unsigned. */
    public byte[] signature() {
        return signature.clone();
    }

    /** Whether a signature is present (it may still not verify). */
    public boolean isSigned() {
        return signature.length > 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Seal && keyFingerprint.equals(((Seal) other).keyFingerprint)
                && Arrays.equals(signature, ((Seal) other).signature);
    }

    @Override
    public int hashCode() {
        return 31 * keyFingerprint.hashCode() + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return isSigned() ? keyFingerprint + "/" + Base64.getEncoder().encodeToString(signature)
                : keyFingerprint.isEmpty() ? "unsigned" : keyFingerprint + "/pending";
    }
}
