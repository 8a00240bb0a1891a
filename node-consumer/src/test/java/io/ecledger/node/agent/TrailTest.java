package io.ecledger.node.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecledger.ledger.chain.ManagerTrail;
import io.ecledger.ledger.codec.EventCodec;
import io.ecledger.ledger.codec.HashedEvent;
import io.ecledger.ledger.codec.LedgerHashing;
import io.ecledger.ledger.event.CommandIssued;
import io.ecledger.ledger.event.Events;
import io.ecledger.ledger.event.Hash;
import io.ecledger.ledger.event.LedgerEvent;
import io.ecledger.ledger.event.Payload;
import io.ecledger.ledger.sign.ManagerKey;
import io.ecledger.ledger.sign.Signer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrailTest {

    private static final ManagerKey MANAGER = ManagerKey.generate();
    private static final ManagerKey NEXT = ManagerKey.generate();

    /** A ledger as the manager writes it: each event signed and linked to the one before. */
    private static final class Chain {
        final List<byte[]> records = new ArrayList<>();
        Hash tail = Hash.ZERO;

        byte[] append(Payload payload, Signer signer) {
            LedgerEvent event = Events.signedAfter(tail, payload, signer);
            tail = event.hash();
            byte[] encoded = EventCodec.LEDGER.encode(event);
            records.add(encoded);
            return encoded;
        }
    }

    /** What an outsider with write access makes: the right prevHash and hash, no signature. */
    static byte[] forgedAfter(Hash previous, Payload payload) {
        LedgerEvent draft = new LedgerEvent(java.util.UUID.randomUUID(), Events.T0, "mallory",
                io.ecledger.ledger.command.Origin.CONSOLE, previous, Hash.ZERO, payload);
        return EventCodec.LEDGER.encode(draft.withHash(LedgerHashing.draftHash(EventCodec.LEDGER.encode(draft))));
    }

    private static HashedEvent hashed(byte[] encoded) {
        try {
            return HashedEvent.of(encoded);
        } catch (io.ecledger.ledger.codec.UndecodableRecordException e) {
            throw new AssertionError(e);
        }
    }

    /** Screens and, when genuine, accepts; true when genuine. */
    private static boolean read(Trail trail, long offset, byte[] encoded) {
        HashedEvent hashed = hashed(encoded);
        ManagerTrail.Screen screen = trail.screen(hashed);
        trail.accept(offset, hashed, screen);
        return screen.genuine();
    }

    @Test
    void aForgeryWithACorrectChainLinkIsNotGenuineAndTheLastGenuineEventStays() {
        Chain chain = new Chain();
        Trail trail = new Trail(MANAGER.publicKey(), 10);
        assertThat(read(trail, 0, chain.append(Events.broadcast("version"), MANAGER))).isTrue();
        Hash genuine = chain.tail;

        assertThat(read(trail, 1, forgedAfter(genuine, Events.broadcast("shutdown")))).isFalse();

        assertThat(trail.previous()).isEqualTo(new ManagerTrail.Link(0, genuine));
        assertThat(read(trail, 2, chain.append(Events.broadcast("summary"), MANAGER))).isTrue();
    }

    @Test
    void aSignedRecordThatDoesNotLinkToTheLastGenuineEventSaysWhichEventItDoesNotFollow() {
        Chain chain = new Chain();
        Trail trail = new Trail(MANAGER.publicKey(), 10);
        byte[] first = chain.append(Events.broadcast("version"), MANAGER);
        read(trail, 0, first);
        read(trail, 1, chain.append(Events.broadcast("summary"), MANAGER));

        ManagerTrail.Screen copy = trail.screen(hashed(first));

        assertThat(copy.signature().verified()).isTrue();
        assertThat(copy.linkMismatch()).startsWith("does not follow the ledger event at offset 1 (prevHash "
                + Hash.ZERO + " is not its hash " + chain.tail);
        assertThat(new Trail(MANAGER.publicKey(), 10).screen(hashed(chain.records.get(1))).linkMismatch())
                .startsWith("does not follow the start of the ledger");
    }

    @Test
    void aRotationInTheChainHandsLaterEventsToTheNewKey() {
        Chain chain = new Chain();
        Trail trail = new Trail(MANAGER.publicKey(), 10);
        read(trail, 0, chain.append(NEXT.rotationToThis(), MANAGER));

        assertThat(read(trail, 1, chain.append(Events.broadcast("version"), NEXT))).isTrue();
        assertThat(trail.keys().rotatedAt()).hasValue(0);
        byte[] byRetiredKey = EventCodec.LEDGER.encode(Events.signedAfter(chain.tail, Events.broadcast("x"), MANAGER));
        assertThat(trail.screen(hashed(byRetiredKey)).signature().verified()).as("the retired key signs nothing new")
                .isFalse();
    }

    @Test
    void genuineCommandIdsAreRememberedAndTheOldestForgottenFirst() {
        Chain chain = new Chain();
        Trail trail = new Trail(MANAGER.publicKey(), 2);
        List<CommandIssued> commands = List.of(Events.broadcast("a"), Events.broadcast("b"), Events.broadcast("c"));
        for (int i = 0; i < commands.size(); i++) {
            read(trail, i, chain.append(commands.get(i), MANAGER));
        }

        assertThat(trail.answeredAt(commands.get(0).commandId())).isEmpty();
        assertThat(trail.answeredAt(commands.get(1).commandId())).hasValue(1);
        assertThat(trail.answeredAt(commands.get(2).commandId())).hasValue(2);
        assertThat(trail.answeredCount()).isEqualTo(2);
    }

    @Test
    void aRebuildAnchorsOnTheLastSignedEventBeforeTheStartPastAForgedTailAndRemembersTheCommandsItLeadsBackTo() {
        Chain chain = new Chain();
        CommandIssued early = Events.broadcast("version");
        CommandIssued late = Events.broadcast("summary");
        chain.append(early, MANAGER);
        chain.append(NEXT.rotationToThis(), MANAGER);
        chain.append(late, NEXT);
        Hash anchor = chain.tail;
        byte[] forged = forgedAfter(anchor, Events.broadcast("shutdown"));
        TrailRebuild rebuild = new TrailRebuild(MANAGER.publicKey(), 4, 100);
        for (int i = 0; i < chain.records.size(); i++) {
            rebuild.add(i, chain.records.get(i));
        }
        rebuild.add(3, forged);

        Trail trail = rebuild.trail().orElseThrow();

        assertThat(trail.previous()).isEqualTo(new ManagerTrail.Link(2, anchor));
        assertThat(trail.keys().current()).isEqualTo(NEXT.fingerprint());
        assertThat(trail.answeredAt(early.commandId())).hasValue(0);
        assertThat(trail.answeredAt(late.commandId())).hasValue(2);
        assertThat(trail.answeredAt(((CommandIssued) hashed(forged).event().payload()).commandId())).isEmpty();
        assertThat(read(trail, 4, chain.append(Events.broadcast("next"), NEXT))).isTrue();
    }

    @Test
    void aRebuildWithOnlyForgeriesBeforeTheStartFindsNoAnchor() {
        TrailRebuild rebuild = new TrailRebuild(MANAGER.publicKey(), 2, 100);
        rebuild.add(0, forgedAfter(Hash.ZERO, Events.broadcast("version")));
        rebuild.add(1, "garbage".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(rebuild.trail()).isEqualTo(Optional.empty());
    }

    @Test
    void aRebuildRemembersOnlyTheLastWindowOfCommandIds() {
        Chain chain = new Chain();
        List<CommandIssued> commands = List.of(Events.broadcast("a"), Events.broadcast("b"), Events.broadcast("c"));
        commands.forEach(c -> chain.append(c, MANAGER));
        TrailRebuild rebuild = new TrailRebuild(MANAGER.publicKey(), 3, 2);
        for (int i = 0; i < 3; i++) {
            rebuild.add(i, chain.records.get(i));
        }

        Trail trail = rebuild.trail().orElseThrow();

        assertThat(trail.answeredAt(commands.get(0).commandId())).isEmpty();
        assertThat(trail.answeredAt(commands.get(1).commandId())).hasValue(1);
        assertThat(trail.answeredAt(commands.get(2).commandId())).hasValue(2);
    }

    @Test
    void whatWasAcceptedTentativelyIsUndoneLinkKeyAndCommandIds() {
        Chain chain = new Chain();
        Trail trail = new Trail(MANAGER.publicKey(), 10);
        read(trail, 0, chain.append(Events.broadcast("version"), MANAGER));
        ManagerTrail.Link before = trail.previous();
        CommandIssued ahead = Events.broadcast("summary");

        trail.tentatively();
        assertThat(read(trail, 1, chain.append(ahead, MANAGER))).isTrue();
        assertThat(read(trail, 2, chain.append(NEXT.rotationToThis(), MANAGER))).isTrue();
        assertThat(trail.answeredAt(ahead.commandId())).hasValue(1);
        trail.undo();

        assertThat(trail.previous()).isEqualTo(before);
        assertThat(trail.keys().current()).isEqualTo(MANAGER.fingerprint());
        assertThat(trail.keys().rotatedAt()).isEmpty();
        assertThat(trail.answeredAt(ahead.commandId())).isEmpty();
        // the same records read again are genuine again
        assertThat(read(trail, 1, chain.records.get(1))).isTrue();
        assertThat(read(trail, 2, chain.records.get(2))).isTrue();
        assertThat(trail.keys().current()).isEqualTo(NEXT.fingerprint());
    }

    @Test
    void whatWasAcceptedTentativelyAndKeptStays() {
        Chain chain = new Chain();
        Trail trail = new Trail(MANAGER.publicKey(), 10);
        CommandIssued kept = Events.broadcast("summary");

        trail.tentatively();
        read(trail, 0, chain.append(kept, MANAGER));
        trail.keep();
        trail.undo();

        assertThat(trail.previous()).isEqualTo(new ManagerTrail.Link(0, chain.tail));
        assertThat(trail.answeredAt(kept.commandId())).hasValue(0);
    }
}
