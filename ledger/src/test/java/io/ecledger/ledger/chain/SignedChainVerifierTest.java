package io.ecledger.ledger.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecledger.ledger.codec.EventCodec;
import io.ecledger.ledger.codec.LedgerHashing;
import io.ecledger.ledger.command.Origin;
import io.ecledger.ledger.event.Events;
import io.ecledger.ledger.event.Hash;
import io.ecledger.ledger.event.LedgerEvent;
import io.ecledger.ledger.event.Payload;
import io.ecledger.ledger.sign.ManagerKey;
import io.ecledger.ledger.sign.ManagerKeys;
import io.ecledger.ledger.sign.Signer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The chain verifier given the manager's keys: a correct SHA-256 link is not enough, the manager must have signed. */
class SignedChainVerifierTest {

    private static final ManagerKey MANAGER = ManagerKey.generate();
    private static final ManagerKey NEXT = ManagerKey.generate();

    private final List<byte[]> records = new ArrayList<>();
    private Hash tail = Hash.ZERO;

    private void signed(Payload payload, Signer signer) {
        LedgerEvent event = Events.signedAfter(tail, payload, signer);
        tail = event.hash();
        records.add(EventCodec.LEDGER.encode(event));
    }

    /** An event with a correct link and hash and no signature; {@code advance} makes later events link to it. */
    private void unsigned(Payload payload, boolean advance) {
        LedgerEvent draft = new LedgerEvent(UUID.randomUUID(), Events.T0, "mallory", Origin.CONSOLE, tail, Hash.ZERO, payload);
        LedgerEvent event = draft.withHash(LedgerHashing.draftHash(EventCodec.LEDGER.encode(draft)));
        if (advance) {
            tail = event.hash();
        }
        records.add(EventCodec.LEDGER.encode(event));
    }

    private ChainVerdict walk(ChainVerifier verifier) {
        for (int i = 0; i < records.size(); i++) {
            verifier.accept(i, records.get(i));
        }
        return verifier.verdict();
    }

    @Test
    void aForgeryWithACorrectLinkButNoSignatureIsABreakAtItsOffsetAndTheChainGoesOn() {
        signed(Events.broadcast("version"), MANAGER);
        unsigned(Events.broadcast("shutdown"), false);
        signed(Events.broadcast("summary"), MANAGER);

        ChainVerdict verdict = walk(new ChainVerifier(0).withKeys(new ManagerKeys(MANAGER.publicKey())));

        assertThat(verdict).isInstanceOfSatisfying(ChainVerdict.Broken.class, broken -> {
            assertThat(broken.breaks()).singleElement().satisfies(b -> {
                assertThat(b.offset()).isEqualTo(1);
                assertThat(b.reason()).startsWith("not signed by the manager key " + MANAGER.fingerprint());
            });
            assertThat(broken.verifiedInAll()).isEqualTo(2);
        });
    }

    @Test
    void aForgeryAtTheEndWithACorrectLinkIsABreakAtOnceWhereTheHashChainAloneLooksIntact() {
        signed(Events.broadcast("version"), MANAGER);
        unsigned(Events.broadcast("shutdown"), true);

        assertThat(walk(new ChainVerifier(0)).intact()).as("the hash chain alone").isTrue();
        ChainVerdict verdict = walk(new ChainVerifier(0).withKeys(new ManagerKeys(MANAGER.publicKey())));
        assertThat(verdict).isInstanceOfSatisfying(ChainVerdict.Broken.class, broken -> {
            assertThat(broken.offset()).isEqualTo(1);
            assertThat(broken.reason()).isEqualTo("not signed by the manager key " + MANAGER.fingerprint() + " (unsigned)");
        });
    }

    @Test
    void unsignedRecordsAreAcceptedOnlyBeforeTheFirstSignedOne() {
        unsigned(Events.broadcast("version"), true);
        unsigned(Events.broadcast("summary"), true);
        signed(Events.broadcast("status"), MANAGER);
        unsigned(Events.broadcast("shutdown"), true);

        ChainVerdict verdict = walk(new ChainVerifier(0).withKeys(new ManagerKeys(MANAGER.publicKey())));

        assertThat(verdict).isInstanceOfSatisfying(ChainVerdict.Broken.class, broken ->
                assertThat(broken.breaks()).extracting(ChainVerdict.Break::offset).containsExactly(3L));
    }

    @Test
    void aWalkFollowsARotationSoARotatedLedgerIsIntactAndTheRetiredKeySignsNothingAfterIt() {
        signed(Events.broadcast("version"), MANAGER);
        signed(NEXT.rotationToThis(), MANAGER);
        signed(Events.broadcast("summary"), NEXT);

        assertThat(walk(new ChainVerifier(0).withKeys(new ManagerKeys(MANAGER.publicKey()))).intact()).isTrue();

        signed(Events.broadcast("shutdown"), MANAGER);
        ChainVerdict verdict = walk(new ChainVerifier(0).withKeys(new ManagerKeys(MANAGER.publicKey())));
        assertThat(verdict).isInstanceOfSatisfying(ChainVerdict.Broken.class, broken -> {
            assertThat(broken.offset()).isEqualTo(3);
            assertThat(broken.reason()).startsWith("not signed by the manager key " + NEXT.fingerprint());
        });
    }

    @Test
    void aRecordSignedByAnotherKeyIsABreakEvenWhenTheNextEventLinksToIt() {
        signed(Events.broadcast("version"), MANAGER);
        signed(Events.broadcast("shutdown"), ManagerKey.generate());
        signed(Events.broadcast("summary"), MANAGER);

        ChainVerdict verdict = walk(new ChainVerifier(0).withKeys(new ManagerKeys(MANAGER.publicKey())));

        assertThat(verdict).isInstanceOfSatisfying(ChainVerdict.Broken.class, broken ->
                assertThat(broken.breaks()).extracting(ChainVerdict.Break::offset).containsExactly(1L));
    }
}
