package io.ecledger.ledger.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ecledger.ledger.event.Hash;
import io.ecledger.ledger.event.Seal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
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

        // a verification that would refuse it is never asked: the memory answers
        assertThat(VerifiedSignatures.ofThisProcess().verifies(KeyPairFiles.rawPublic(manager.publicKey()), hash.bytes(),
                seal.signature(), () -> false)).isTrue();
    }

    @Test
    void readersCheckingTheSameSignatureAtOnceWaitForOneVerification() throws Exception {
        byte[] signature = KEY.sign(HASH);
        byte[] raw = KeyPairFiles.rawPublic(KEY.publicKey);
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        BooleanSupplier slowVerification = () -> {
            runs.incrementAndGet();
            awaitQuietly(release);
            return true;
        };
        CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(
                () -> remembered.verifies(raw, HASH, signature, slowVerification));
        await().until(() -> runs.get() == 1);
        CompletableFuture<Boolean> second = new CompletableFuture<>();
        Thread waiter = new Thread(() -> second.complete(remembered.verifies(raw, HASH, signature, slowVerification)));
        waiter.start();
        await().until(() -> waiter.getState() == Thread.State.WAITING);

        release.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(second.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(runs.get()).isEqualTo(1);
    }

    @Test
    void aFailureIsSharedWithTheReadersWaitingForItButNotKept() {
        byte[] raw = KeyPairFiles.rawPublic(KEY.publicKey);
        byte[] forged = new byte[64];

        assertThat(remembered.verifies(raw, HASH, forged, () -> false)).isFalse();

        assertThat(remembered.size()).isZero();
        assertThat(remembered.verifies(raw, HASH, forged, () -> true)).as("verified afresh").isTrue();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
