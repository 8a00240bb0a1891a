package io.ecledger.ledger.event;

/**
 * {@code ecledger key rotate}: every ledger event after this one is signed by the key named here. The event itself is
 * signed by the key it replaces, which is what lets an agent pinned to that key trust the new one.
 */
public record KeyRotated(String newFingerprint, String newPublicKey) implements Payload {

    public KeyRotated {
        if (newFingerprint == null || !newFingerprint.startsWith("SHA256:")) {
            throw new IllegalArgumentException("a key rotation names the new key's SHA256: fingerprint, not " + newFingerprint);
        }
        if (newPublicKey == null || newPublicKey.isBlank()) {
            throw new IllegalArgumentException("a key rotation carries the new public key");
        }
    }

    @Override
    public String summary() {
        return "manager key rotated to " + newFingerprint;
    }
}
