package io.ecledger.api.keys;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ecledger.ledger.sign.CurrentManagerKey;
import io.ecledger.ledger.sign.KeyFiles;
import io.ecledger.ledger.sign.KeyFingerprint;
import java.security.PublicKey;
import java.util.OptionalLong;

/**
 * What {@code GET /v1/keys/manager} answers: the key that signs every ledger event, as agents pin it, and the ledger
 * offset of the rotation that made it current (left out when the key was never rotated).
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record ManagerKeyView(String algorithm, String publicKey, String fingerprint, OptionalLong rotatedAt) {

    /** The view of {@code key}: its X.509 encoding in base64 and its {@code SHA256:} fingerprint. */
    public static ManagerKeyView of(PublicKey key) {
        return new ManagerKeyView(KeyFiles.ALGORITHM, KeyFiles.publicBase64(key), KeyFingerprint.of(key).value(),
                OptionalLong.empty());
    }

    /** The view of the key that signs now. */
    public static ManagerKeyView of(CurrentManagerKey key) {
        PublicKey current = key.key().publicKey();
        return new ManagerKeyView(KeyFiles.ALGORITHM, KeyFiles.publicBase64(current), KeyFingerprint.of(current).value(),
                key.rotatedAt());
    }
}
