package io.ecledger.ledger.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecledger.ledger.codec.EventCodec;
import io.ecledger.ledger.codec.HashedEvent;
import io.ecledger.ledger.codec.LedgerHashing;
import io.ecledger.ledger.command.Origin;
import io.ecledger.ledger.event.Events;
import io.ecledger.ledger.event.Hash;
import io.ecledger.ledger.event.LedgerEvent;
import io.ecledger.ledger.sign.ManagerKey;
import io.ecledger.ledger.sign.ManagerKeys;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The one rule for following the manager's ledger events, as agents and the manager's projection apply it. */
class ManagerTrailTest {

    private static final ManagerKey MANAGER = ManagerKey.generate();

    @Test
    void aSignedLinkedEventIsAcceptedAndItsByteCopyIsRefusedAsNotFollowingIt() throws Exception {
        ManagerTrail trail = ManagerTrail.signedFromStart(new ManagerKeys(MANAGER.publicKey()));
        HashedEvent first = hashed(Events.signedAfter(Hash.ZERO, Events.broadcast("version"), MANAGER));

        assertThat(trail.follow(0, first)).isEmpty();
        assertThat(trail.previous()).isEqualTo(new ManagerTrail.Link(0, first.event().hash()));
        assertThat(trail.follow(1, first)).get().asString().startsWith("does not follow the ledger event at offset 0");
        assertThat(trail.previous().offset()).as("a refused record changes nothing").isZero();
    }

    @Test
    void aRecordSignedByAnotherKeyIsRefusedForItsSignatureBeforeItsLink() throws Exception {
        ManagerTrail trail = ManagerTrail.signedFromStart(new ManagerKeys(MANAGER.publicKey()));

        assertThat(trail.follow(0, hashed(Events.signedAfter(Hash.ZERO, Events.broadcast("x"), ManagerKey.generate()))))
                .contains("signature does not verify with manager key " + MANAGER.fingerprint());
    }

    @Test
    void unsignedEventsAreTakenOnlyBeforeTheFirstSignedOneAndOnlyWhenTheReaderAllowsAnOldLedger() throws Exception {
        HashedEvent old = hashed(unsigned(Hash.ZERO));
        ManagerTrail agent = ManagerTrail.signedFromStart(new ManagerKeys(MANAGER.publicKey()));
        assertThat(agent.follow(0, old)).contains("unsigned");

        ManagerTrail projection = new ManagerTrail(new ManagerKeys(MANAGER.publicKey()), ManagerTrail.Link.START, true, false);
        assertThat(projection.follow(0, old)).isEmpty();
        HashedEvent signed = hashed(Events.signedAfter(old.event().hash(), Events.broadcast("summary"), MANAGER));
        assertThat(projection.follow(1, signed)).isEmpty();
        assertThat(projection.signedSeen()).isTrue();
        assertThat(projection.follow(2, hashed(unsigned(signed.event().hash())))).contains("unsigned");
    }

    @Test
    void aRotationTheCurrentKeySignedIsFollowedSoTheRetiredKeySignsNothingNew() throws Exception {
        ManagerKey next = ManagerKey.generate();
        ManagerTrail trail = ManagerTrail.signedFromStart(new ManagerKeys(MANAGER.publicKey()));
        HashedEvent rotation = hashed(Events.signedAfter(Hash.ZERO, next.rotationToThis(), MANAGER));
        assertThat(trail.follow(0, rotation)).isEmpty();

        assertThat(trail.follow(1, hashed(Events.signedAfter(rotation.event().hash(), Events.broadcast("x"), MANAGER))))
                .contains("signature does not verify with manager key " + next.fingerprint());
        assertThat(trail.follow(1, hashed(Events.signedAfter(rotation.event().hash(), Events.broadcast("x"), next))))
                .isEmpty();
    }

    private static LedgerEvent unsigned(Hash previous) {
        LedgerEvent draft = new LedgerEvent(UUID.randomUUID(), Events.T0, "alice", Origin.CONSOLE, previous, Hash.ZERO,
                Events.broadcast("version"));
        return draft.withHash(LedgerHashing.draftHash(EventCodec.LEDGER.encode(draft)));
    }

    private static HashedEvent hashed(LedgerEvent event) throws Exception {
        return HashedEvent.of(EventCodec.LEDGER.encode(event));
    }
}
