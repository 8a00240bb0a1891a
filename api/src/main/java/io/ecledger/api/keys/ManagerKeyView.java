package io.ecledger.api.keys;

import io.ecledger.ledger.sign.KeyFiles;
import io.ecledger.ledger.sign.KeyFingerprint;
import java.security.PublicKey;

/** What {@code GET /v1/keys/manager} answers: the key that signs every ledger event, as agents pin it. */
public record ManagerKeyView(String algorithm, String publicKey, String fingerprint) {

    /** The view of {@code key}: its X.509 encoding in base64 and its {@code SHA256:} fingerprint. */
    public static ManagerKeyView of(PublicKey key) {
        return new ManagerKeyView(KeyFiles.ALGORITHM, KeyFiles.publicBase64(key), KeyFingerprint.of(key).value());
    }
}
