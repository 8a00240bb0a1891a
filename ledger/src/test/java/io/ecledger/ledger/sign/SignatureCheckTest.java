package io.ecledger.ledger.sign;

import static io.ecledger.ledger.event.Events.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.ecledger.ledger.chain.ChainVerifier;
import io.ecledger.ledger.codec.EventCodec;
import io.ecledger.ledger.codec.LedgerHashing;
import io.ecledger.ledger.command.Origin;
import io.ecledger.ledger.event.Events;
import io.ecledger.ledger.event.Hash;
import io.ecledger.ledger.event.LedgerEvent;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SignatureCheckTest {

    private static final ManagerKey MANAGER = ManagerKey.generate();
    private static final ManagerKey OTHER = ManagerKey.generate();

    @Test
    void aRecordTheManagerSignedVerifies() throws Exception {
        byte[] record = signed(MANAGER, Hash.ZERO, "version");

        assertThat(SignatureCheck.check(record, MANAGER.publicKey()))
                .isEqualTo(new SignatureVerdict.Verified(MANAGER.fingerprint()));
    }

    @Test
    void aRecordResignedByAnotherKeyDoesNotVerifyWithTheManagerKey() throws Exception {
        LedgerEvent genuine = EventCodec.LEDGER.decode(signed(MANAGER, Hash.ZERO, "version"));
        byte[] resigned = seal(OTHER, genuine.withHash(Hash.ZERO));

        assertThat(SignatureCheck.check(resigned, MANAGER.publicKey())).isEqualTo(new SignatureVerdict.Refused(
                "signature does not verify with manager key " + MANAGER.fingerprint()));
    }

    @Test
    void aSignatureNamingTheManagerKeyButMadeByAnotherDoesNotVerify() throws Exception {
        LedgerEvent draft = draft(Hash.ZERO, "version").withSeal(MANAGER.pending());
        Hash hash = LedgerHashing.draftHash(EventCodec.LEDGER.encode(draft));
        byte[] forged = EventCodec.LEDGER.encode(draft.withHash(hash)
                .withSeal(io.ecledger.ledger.event.Seal.of(MANAGER.fingerprint().value(), OTHER.seal(hash).signature())));

        assertThat(SignatureCheck.check(forged, MANAGER.publicKey()).verified()).isFalse();
    }

    @Test
    void aFlippedPayloadByteIsRefused() throws Exception {
        byte[] record = signed(MANAGER, Hash.ZERO, "version");
        // the command text sits before the seal at the end; flip a letter of "version"
        int at = new String(record, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("version");
        record[at] ^= 0x01;

        SignatureVerdict verdict = SignatureCheck.check(record, MANAGER.publicKey());
        assertThat(verdict.verified()).isFalse();
        assertThat(((SignatureVerdict.Refused) verdict).reason()).contains("does not match its content");
    }

    @Test
    void aFlippedSignatureByteIsRefused() throws Exception {
        byte[] record = signed(MANAGER, Hash.ZERO, "version");
        record[record.length - 1] ^= 0x01;

        assertThat(SignatureCheck.check(record, MANAGER.publicKey())).isEqualTo(new SignatureVerdict.Refused(
                "signature does not verify with manager key " + MANAGER.fingerprint()));
    }

    @Test
    void aRecordWrittenBeforeEventsWereSignedSaysUnsigned() throws Exception {
        byte[] old = LedgerEventV1.encode(draft(Hash.ZERO, "version"));

        assertThat(SignatureCheck.check(old, MANAGER.publicKey())).isEqualTo(new SignatureVerdict.Refused("unsigned"));
    }

    @Test
    void anUnsignedCurrentRecordSaysUnsigned() throws Exception {
        LedgerEvent draft = draft(Hash.ZERO, "version");
        byte[] unsigned = EventCodec.LEDGER.encode(draft.withHash(LedgerHashing.draftHash(EventCodec.LEDGER.encode(draft))));

        assertThat(SignatureCheck.check(unsigned, MANAGER.publicKey())).isEqualTo(new SignatureVerdict.Refused("unsigned"));
    }

    @Test
    void garbageIsRefusedAsNotALedgerEvent() {
        SignatureVerdict verdict = SignatureCheck.check(new byte[] {1, 2, 3}, MANAGER.publicKey());

        assertThat(((SignatureVerdict.Refused) verdict).reason()).startsWith("not a ledger event");
    }

    @Test
    void oldUnsignedRecordsAndNewSignedOnesFormOneIntactChain() throws Exception {
        byte[] old = LedgerEventV1.encode(draft(Hash.ZERO, "version"));
        Hash oldHash = EventCodec.LEDGER.decode(old).hash();
        byte[] signed = signed(MANAGER, oldHash, "summary");

        ChainVerifier verifier = new ChainVerifier(0);
        List<byte[]> records = List.of(old, signed);
        for (int i = 0; i < records.size(); i++) {
            assertThat(verifier.accept(i, records.get(i))).as("offset %d: %s", i, verifier.verdict()).isTrue();
        }
        assertThat(EventCodec.LEDGER.decode(old).seal().isSigned()).isFalse();
    }

    @Test
    void theHashDoesNotDependOnTheSignatureButOnTheKeyItNames() throws Exception {
        LedgerEvent event = EventCodec.LEDGER.decode(signed(MANAGER, Hash.ZERO, "version"));

        LedgerEvent otherSignature = event.withSeal(io.ecledger.ledger.event.Seal.of(
                MANAGER.fingerprint().value(), new byte[64]));
        LedgerEvent otherKey = event.withSeal(OTHER.seal(event.hash()));
        assertThat(LedgerHashing.contentHash(EventCodec.LEDGER.encode(otherSignature))).isEqualTo(event.hash());
        assertThat(LedgerHashing.contentHash(EventCodec.LEDGER.encode(otherKey))).isNotEqualTo(event.hash());
    }

    @Test
    void oneCheckStillVerifiesTheNextGenuineRecordAfterRefusingAMalformedSignature() throws Exception {
        SignatureCheck check = new SignatureCheck(MANAGER.publicKey());
        LedgerEvent draft = draft(Hash.ZERO, "version").withSeal(MANAGER.pending());
        Hash hash = LedgerHashing.draftHash(EventCodec.LEDGER.encode(draft));
        byte[] truncated = EventCodec.LEDGER.encode(draft.withHash(hash)
                .withSeal(io.ecledger.ledger.event.Seal.of(MANAGER.fingerprint().value(), new byte[] {1, 2, 3})));

        assertThat(check.check(truncated).verified()).isFalse();
        assertThat(check.check(signed(MANAGER, Hash.ZERO, "version")).verified()).isTrue();
    }

    @Test
    void oneKeyAndOneCheckSignAndVerifyFromManyThreadsAtOnce() throws Exception {
        SignatureCheck check = new SignatureCheck(MANAGER.publicKey());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String text = "version " + i;
                results.add(pool.submit(() -> check.check(signed(MANAGER, Hash.ZERO, text)).verified()
                        && !check.check(signed(OTHER, Hash.ZERO, text)).verified()));
            }
            for (java.util.concurrent.Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aKeyThatIsNotEd25519IsRefusedUpFront() throws Exception {
        java.security.PublicKey ed448 = java.security.KeyPairGenerator.getInstance("Ed448").generateKeyPair().getPublic();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SignatureCheck(ed448))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Ed25519");
    }

    private static LedgerEvent draft(Hash previous, String text) {
        return new LedgerEvent(UUID.randomUUID(), T0, "alice", Origin.CONSOLE, previous, Hash.ZERO, Events.broadcast(text));
    }

    /** Encodes an event as the Ledger appends it: key named, hashed, then signed. */
    static byte[] signed(ManagerKey key, Hash previous, String text) {
        return seal(key, draft(previous, text));
    }

    private static byte[] seal(ManagerKey key, LedgerEvent event) {
        LedgerEvent draft = event.withHash(Hash.ZERO).withSeal(key.pending());
        Hash hash = LedgerHashing.draftHash(EventCodec.LEDGER.encode(draft));
        return EventCodec.LEDGER.encode(draft.withHash(hash).withSeal(key.seal(hash)));
    }
}
