package io.ecledger.ledger.sign;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;

/** A public key's name as ssh prints it: {@code SHA256:} and the unpadded base64 of the SHA-256 of its encoding. */
public record KeyFingerprint(String value) {

    public KeyFingerprint {
        if (value == null || !value.startsWith("SHA256:") || value.length() != "SHA256:".length() + 43) {
            throw new IllegalArgumentException("a key fingerprint is SHA256: and 43 base64 characters, not " + value);
        }
    }

    /** The fingerprint of {@code key}'s X.509 encoding. */
    public static KeyFingerprint of(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return new KeyFingerprint("SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every Java platform has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
