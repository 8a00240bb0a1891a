package io.ecledger.ledger.sign;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class KeyPairFilesTest {

    private static final KeyPairFiles KEY = KeyPairFiles.generate();
    private static final byte[] HASH = "a 32-byte SHA-256 of some record".getBytes(StandardCharsets.US_ASCII);

    @Test
    void signaturesAreTheJdksByteForByteSoEverythingSignedBeforeStillVerifies() throws Exception {
        Signature jdk = Signature.getInstance(KeyFiles.ALGORITHM);
        jdk.initSign(KEY.privateKey);
        jdk.update(HASH);
        byte[] signedByTheJdk = jdk.sign();

        assertThat(KEY.sign(HASH)).isEqualTo(signedByTheJdk);
        assertThat(new KeyPairFiles.Verifier(KEY.publicKey).verifies(HASH, signedByTheJdk)).isTrue();
    }

    @Test
    void theJdkVerifiesWhatThisKeySigns() throws Exception {
        Signature jdk = Signature.getInstance(KeyFiles.ALGORITHM);
        jdk.initVerify(KEY.publicKey);
        jdk.update(HASH);

        assertThat(jdk.verify(KEY.sign(HASH))).isTrue();
    }

    @Test
    void aSignatureOfTheWrongLengthOrByAnotherKeyDoesNotVerify() {
        byte[] signature = KEY.sign(HASH);
        KeyPairFiles.Verifier verifier = new KeyPairFiles.Verifier(KEY.publicKey);

        assertThat(verifier.verifies(HASH, Arrays.copyOf(signature, signature.length - 1))).isFalse();
        assertThat(verifier.verifies(HASH, Arrays.copyOf(signature, signature.length + 1))).isFalse();
        assertThat(verifier.verifies(HASH, new byte[0])).isFalse();
        assertThat(verifier.verifies(HASH, KeyPairFiles.generate().sign(HASH))).isFalse();
        assertThat(verifier.verifies(HASH, signature)).isTrue();
    }
}
