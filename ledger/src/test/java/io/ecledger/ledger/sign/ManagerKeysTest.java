package io.ecledger.ledger.sign;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecledger.ledger.codec.EventCodec;
import io.ecledger.ledger.event.Events;
import io.ecledger.ledger.event.Hash;
import io.ecledger.ledger.event.KeyRotated;
import io.ecledger.ledger.event.LedgerEvent;
import io.ecledger.ledger.event.Payload;
import org.junit.jupiter.api.Test;

class ManagerKeysTest {

    private static final ManagerKey OLD = ManagerKey.generate();
    private static final ManagerKey NEW = ManagerKey.generate();
    private static final ManagerKey OTHER = ManagerKey.generate();

    private static byte[] record(Payload payload, Signer signer) {
        return EventCodec.LEDGER.encode(Events.signedAfter(Hash.ZERO, payload, signer));
    }

    @Test
    void aRotationSignedByTheCurrentKeyHandsEveryLaterRecordToTheNewKey() {
        ManagerKeys ring = new ManagerKeys(OLD.publicKey());

        assertThat(ring.accept(0, record(Events.broadcast("version"), OLD)).verified()).isTrue();
        assertThat(ring.accept(1, record(NEW.rotationToThis(), OLD))).isEqualTo(new SignatureVerdict.Verified(OLD.fingerprint()));

        assertThat(ring.current()).isEqualTo(NEW.fingerprint());
        assertThat(ring.rotatedAt()).hasValue(1);
        assertThat(ring.accept(2, record(Events.broadcast("summary"), NEW))).isEqualTo(new SignatureVerdict.Verified(NEW.fingerprint()));
    }

    @Test
    void afterARotationTheRetiredKeySignsNothingNew() {
        ManagerKeys ring = new ManagerKeys(OLD.publicKey());
        ring.accept(0, record(NEW.rotationToThis(), OLD));

        assertThat(ring.accept(1, record(Events.broadcast("version"), OLD))).isEqualTo(new SignatureVerdict.Refused(
                "signature does not verify with manager key " + NEW.fingerprint()));
    }

    @Test
    void aRotationNotSignedByTheCurrentKeyChangesNothing() {
        ManagerKeys ring = new ManagerKeys(OLD.publicKey());

        assertThat(ring.accept(0, record(OTHER.rotationToThis(), OTHER)).verified()).isFalse();

        assertThat(ring.current()).isEqualTo(OLD.fingerprint());
        assertThat(ring.rotatedAt()).isEmpty();
        assertThat(ring.knows(OTHER.fingerprint())).isFalse();
        assertThat(ring.accept(1, record(Events.broadcast("version"), OTHER)).verified()).isFalse();
        assertThat(ring.accept(2, record(Events.broadcast("version"), OLD)).verified()).isTrue();
    }

    @Test
    void aSignedRotationWhoseFingerprintIsNotItsKeysChangesNothing() {
        ManagerKeys ring = new ManagerKeys(OLD.publicKey());
        KeyRotated mismatched = new KeyRotated(OTHER.fingerprint().value(), NEW.rotationToThis().newPublicKey());

        assertThat(ring.accept(0, record(mismatched, OLD)).verified()).isTrue();

        assertThat(ring.current()).isEqualTo(OLD.fingerprint());
    }

    @Test
    void aRingFollowsAChainOfRotations() {
        ManagerKeys ring = new ManagerKeys(OLD.publicKey());
        ring.accept(0, record(NEW.rotationToThis(), OLD));
        ring.accept(1, record(OTHER.rotationToThis(), NEW));

        assertThat(ring.current()).isEqualTo(OTHER.fingerprint());
        assertThat(ring.rotatedAt()).hasValue(1);
        assertThat(ring.knows(OLD.fingerprint()) && ring.knows(NEW.fingerprint())).isTrue();
    }

    @Test
    void aRecordFromBeforeTheRotationStillVerifiesWithTheKeyThatSignedIt() {
        ManagerKeys ring = new ManagerKeys(OLD.publicKey());
        byte[] before = record(Events.broadcast("version"), OLD);
        ring.accept(0, before);
        ring.accept(1, record(NEW.rotationToThis(), OLD));

        assertThat(ring.checkEarlier(before)).isEqualTo(new SignatureVerdict.Verified(OLD.fingerprint()));
        assertThat(ring.checkEarlier(record(Events.broadcast("version"), OTHER)).verified()).isFalse();
    }

    @Test
    void aRotationDecodesBackToTheKeyItNames() throws Exception {
        LedgerEvent event = EventCodec.LEDGER.decode(record(NEW.rotationToThis(), OLD));

        KeyRotated rotated = (KeyRotated) event.payload();
        assertThat(KeyFingerprint.of(KeyFiles.parsePublic(rotated.newPublicKey()))).isEqualTo(NEW.fingerprint());
        assertThat(rotated.summary()).isEqualTo("manager key rotated to " + NEW.fingerprint());
    }
}
