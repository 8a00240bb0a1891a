package io.ecledger.ledger.sign;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecledger.ledger.event.Hash;
import io.ecledger.ledger.event.Seal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class VerifiedSignaturesTest {

    private static final KeyPairFiles KEY = KeyPairFiles.generate();
    private static final byte[] HASH = "a 32-byte SHA-256 of some record".getBytes(StandardCharsets.US_ASCII);

    private final VerifiedSignatures remembered = new VerifiedSignatures(2);
    private final KeyPairFiles.Verifier verifier = new KeyPairFiles.Verifier(KEY.publicKey, remembered);

    @Test
    void aRememberedSuccessDoesNotVerifyAChangedSignatureMessageOrKey() {
        byte[] signature = KEY.sign(HASH);
        assertThat(verifier.verifies(HASH, signature)).isTrue();

        byte[] flipped = signature.clone();
        flipped[10] ^= 1;
        byte[] otherHash = HASH.clone();
        otherHash[0] ^= 1;
        KeyPairFiles other = KeyPairFiles.generate();
        assertThat(verifier.verifies(HASH, flipped)).isFalse();
        assertThat(verifier.verifies(otherHash, signature)).isFalse();
        assertThat(new KeyPairFiles.Verifier(other.publicKey, remembered).verifies(HASH, signature)).isFalse();
        assertThat(remembered.size()).isEqualTo(1);
    }

    @Test
    void aFailedVerificationIsNotRemembered() {
        assertThat(verifier.verifies(HASH, KeyPairFiles.generate().sign(HASH))).isFalse();

        assertThat(remembered.size()).isZero();
    }

    @Test
    void aRememberedSuccessIsNotVerifiedAgain() {
        // 64 bytes that are no signature at all: only the memory can make them pass
        byte[] notASignature = new byte[64];
        Arrays.fill(notASignature, (byte) 7);
        assertThat(verifier.verifies(HASH, notASignature)).isFalse();

        remembered.add(KeyPairFiles.rawPublic(KEY.publicKey), HASH, notASignature);

        assertThat(verifier.verifies(HASH, notASignature)).isTrue();
    }

    @Test
    void itKeepsNoMoreThanItsCapacity() {
        for (int i = 0; i < 5; i++) {
            byte[] hash = HASH.clone();
            hash[0] = (byte) i;
            assertThat(verifier.verifies(hash, KEY.sign(hash))).isTrue();
        }

        assertThat(remembered.size()).isEqualTo(2);
    }

    @Test
    void aSignatureTheManagerKeyMakesIsRememberedInAProcessThatRemembers() {
        // turning the memory on changes no verdict, so it may stay on for the rest of this JVM's tests
        VerifiedSignatures.rememberInThisProcess();
        ManagerKey manager = ManagerKey.generate();
        Hash hash = Hash.sha256(HASH, 0, HASH.length);

        Seal seal = manager.seal(hash);

        assertThat(VerifiedSignatures.ofThisProcess().contains(KeyPairFiles.rawPublic(manager.publicKey()), hash.bytes(),
                seal.signature())).isTrue();
    }
}
