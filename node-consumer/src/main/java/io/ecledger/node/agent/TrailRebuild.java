package io.ecledger.node.agent;

import io.ecledger.ledger.chain.ManagerTrail;
import io.ecledger.ledger.codec.HashedEvent;
import io.ecledger.ledger.codec.UndecodableRecordException;
import io.ecledger.ledger.event.Hash;
import io.ecledger.ledger.event.KeyRotated;
import io.ecledger.ledger.sign.KeyFingerprint;
import io.ecledger.ledger.sign.ManagerKeys;
import java.security.PublicKey;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The {@link Trail} of an agent that starts at ledger offset {@code start} &gt; 0, from the records before it fed in
 * offset order. Every {@link KeyRotated} the keys of the moment signed is followed, so the agent trusts the key that
 * signs now. The anchor is the latest of the last {@value #ANCHOR_CANDIDATES} records that the key of its moment
 * signed (a signed checkpoint); the events the hash chain leads back to from it, within the last
 * {@code answeredWindow} records, are genuine, and their command ids are remembered as answered. Only rotations and
 * anchor candidates have their signature checked, so the cost is one read of the ledger before {@code start} and a
 * handful of signature checks.
 */
final class TrailRebuild {

    /** How many records before the start are kept as anchor candidates, newest first checked. */
    static final int ANCHOR_CANDIDATES = 1_000;

    private record Entry(long offset, Hash hash, Hash prevHash, Optional<Trail.Release> release) {}

    private record Candidate(long offset, HashedEvent hashed, KeyFingerprint keyAt) {}

    private final ManagerKeys keys;
    private final long start;
    private final int answeredWindow;
    private final ArrayDeque<Entry> window = new ArrayDeque<>();
    private final ArrayDeque<Candidate> candidates = new ArrayDeque<>();

    TrailRebuild(PublicKey managerKey, long start, int answeredWindow) {
        this.keys = new ManagerKeys(managerKey);
        this.start = start;
        this.answeredWindow = answeredWindow;
    }

    /** The offset of the first record that {@link #add} still needs: the records before the window matter only for rotations. */
    long start() {
        return start;
    }

    /** Takes the record at {@code offset} (below {@code start}); garbage is ignored, as the live agent skips it. */
    void add(long offset, byte[] encoded) {
        HashedEvent hashed;
        try {
            hashed = HashedEvent.of(encoded);
        } catch (UndecodableRecordException e) {
            return;
        }
        KeyFingerprint keyAt = keys.current();
        if (hashed.event().payload() instanceof KeyRotated) {
            keys.accept(offset, hashed);
        }
        if (!hashed.sound()) {
            return;
        }
        if (offset >= start - answeredWindow) {
            window.addLast(new Entry(offset, hashed.event().hash(), hashed.event().prevHash(),
                    Trail.Release.of(hashed.event().payload())));
        }
        candidates.addLast(new Candidate(offset, hashed, keyAt));
        if (candidates.size() > ANCHOR_CANDIDATES) {
            candidates.removeFirst();
        }
    }

    /** The trail to go on from, or empty when no recent record verifies (then the first one read that does anchors). */
    Optional<Trail> trail() {
        Iterator<Candidate> newestFirst = candidates.descendingIterator();
        while (newestFirst.hasNext()) {
            Candidate candidate = newestFirst.next();
            if (candidate.keyAt().value().equals(candidate.hashed().event().seal().keyFingerprint())
                    && keys.checkEarlier(candidate.hashed()).verified()) {
                return Optional.of(anchoredOn(candidate));
            }
        }
        return Optional.empty();
    }

    /** The keys as of {@code start}. */
    ManagerKeys keys() {
        return keys;
    }

    private Trail anchoredOn(Candidate anchor) {
        Trail trail = new Trail(keys, answeredWindow, new ManagerTrail.Link(anchor.offset(), anchor.hashed().event().hash()));
        // walk the chain back from the anchor; remember oldest first, so the window forgets the oldest first
        List<Entry> genuine = new ArrayList<>();
        Hash expected = anchor.hashed().event().hash();
        Iterator<Entry> back = window.descendingIterator();
        while (back.hasNext()) {
            Entry entry = back.next();
            if (entry.offset() <= anchor.offset() && entry.hash().equals(expected)) {
                genuine.add(entry);
                expected = entry.prevHash();
            }
        }
        for (int i = genuine.size() - 1; i >= 0; i--) {
            Entry entry = genuine.get(i);
            entry.release().ifPresent(release -> trail.remember(release, entry.offset()));
        }
        return trail;
    }
}
