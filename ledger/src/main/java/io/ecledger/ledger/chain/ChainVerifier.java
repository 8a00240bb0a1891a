package io.ecledger.ledger.chain;

import io.ecledger.ledger.codec.HashedEvent;
import io.ecledger.ledger.codec.LedgerEnvelope;
import io.ecledger.ledger.codec.UndecodableRecordException;
import io.ecledger.ledger.event.Hash;
import io.ecledger.ledger.sign.KeyFingerprint;
import io.ecledger.ledger.sign.ManagerKeys;
import io.ecledger.ledger.sign.SignatureVerdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks ledger records, fed in offset order, and keeps checking after a break: a record that does not fit is
 * reported at its own offset and the genuine events after it verify again.
 *
 * <p>Genuine events link to the last genuine event, so the records after a break say where the chain goes on:
 * <ul>
 * <li>at the last good event when the next one links to it: the broken record was put in between;
 * <li>at a broken record's own hash when the next one links to that: it was edited, or the event before it is gone;
 * <li>at the next sound event after garbage or missing offsets, whatever it links to;
 * <li>when an event links past the last one verified to the one before it, the last one was put in between and is
 *     blamed after the fact, unless the event after that goes on from it: then the newcomer is the odd one out;
 * <li>when an event links to the last good one before a break, the events picked up after the break were put in.
 * </ul>
 * A forgery at the very end of the ledger with a correct SHA-256 link looks genuine until an event follows it: the
 * hash chain alone cannot tell sooner. Given the manager's keys ({@link #withKeys}), the verifier also checks each
 * sound record's signature under the key of the moment (following rotations), and a record with a correct link but
 * no valid signature is a break at its own offset. Unsigned records are accepted only before the first signed one
 * of the walk: an old ledger's records from before signing.
 *
 * <p>Without keys the walk reads each record's envelope only ({@link LedgerEnvelope}), not its payload: a record that
 * carries the true hash of its bytes but breaks a domain rule (an actor or node name no writer accepts) is judged by
 * its links like any other; a replay, or a walk with keys, decodes it and reports it.
 *
 * <p>Offsets that hold no record are normal: the manager appends in transactions, and each commit marker (and an
 * aborted append) takes an offset a reader never sees. They are reported missing only when the record after them
 * links to an event the walk never saw, i.e. when an event really is gone.
 */
public final class ChainVerifier {

    // how many events picked up after a break can still be blamed when a later event links to before the break
    private static final int PICKED_UP_KEPT = 100;
    // how many verified events a byte copy is recognised by: as many as an agent remembers answered commands of
    private static final int SEEN_KEPT = 100_000;

    private record Trunk(Hash previous, Checkpoint head, Checkpoint beforeHead, Hash headPrev) {}

    /** The event at {@code offset} was taken in place of {@code blamed}; {@code before} is the walk before it. */
    private record Blame(long offset, Checkpoint blamed, State before) {}

    /** Everything a walk has found, to take back one blame that the next event refutes. */
    private record State(long expectedOffset, Hash previous, Checkpoint head, Checkpoint beforeHead, Hash headPrev,
            Hash orphan, boolean reanchor, Trunk trunk, List<Long> pickedUp, long verified,
            List<ChainVerdict.Break> breaks, long breakCount, long verifiedBeforeBreak, Checkpoint headBeforeBreak) {}

    /** Offsets {@code [from, to]} held no record: a transaction marker, an aborted append, or a lost event. */
    private record Gap(long from, long to) {}

    private final long fromOffset;
    // the breaks the last accept found past the listed ones: a reader reports them then, or never can
    private final List<ChainVerdict.Break> unlisted = new java.util.ArrayList<>();
    private long expectedOffset;
    // the hash the next genuine event links to
    private Hash previous;
    // the last event verified, and the one verified before it: where the chain goes back to when the last is blamed
    private Checkpoint head;
    private Checkpoint beforeHead;
    // prevHash of head when this walk linked it, null when head is a trusted checkpoint
    private Hash headPrev;
    // the hash a broken but decodable record claims: its successor links to it when it was edited in place
    private Hash orphan;
    // after garbage, missing offsets or a ledger whose start is gone, the next sound event goes on whatever it links to
    private boolean reanchor;
    // the chain as it stood before an event was picked up after a break, and the offsets picked up since
    private Trunk trunk;
    private final List<Long> pickedUp = new ArrayList<>();
    // gaps since the last decodable record, judged by the next one: missing only when it links to nothing known
    private final List<Gap> gaps = new ArrayList<>();
    private long verified;
    private final List<ChainVerdict.Break> breaks = new ArrayList<>();
    private long breakCount;
    private long verifiedBeforeBreak;
    private Checkpoint headBeforeBreak;
    // the last blame of a head after the fact, while the next event can still show it was the wrong one
    private Blame lastBlame;
    // the manager keys to check signatures with, when given; and whether this walk has met a signed record yet
    private ManagerKeys keys;
    private boolean signedSeen;
    // the offset each recently verified event was verified at, by hash: a byte copy of one is a break, never an anchor
    // sized for all of them at once: a walk of a long ledger fills it, and growing it step by step cost a sixth of a
    // chain check
    private final Map<Hash, Long> seen = new LinkedHashMap<>(SEEN_KEPT * 4 / 3 + 1, 0.75f) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Hash, Long> eldest) {
            return size() > SEEN_KEPT;
        }
    };

    private ChainVerifier(long fromOffset, Hash previous, Checkpoint head) {
        this.fromOffset = fromOffset;
        this.expectedOffset = fromOffset;
        this.previous = previous;
        this.head = head;
    }

    /** A verifier for a ledger read from its first record, offset {@code firstOffset}, which must be 0. */
    public ChainVerifier(long firstOffset) {
        this(firstOffset, Hash.ZERO, null);
        if (firstOffset != 0) {
            fail(0, "records before offset " + firstOffset + " are gone");
            reanchor = true;
        }
    }

    /** A verifier that trusts {@code checkpoint} and checks the records after it. */
    public static ChainVerifier after(Checkpoint checkpoint) {
        return new ChainVerifier(checkpoint.offset() + 1, checkpoint.hash(), checkpoint);
    }

    /** This verifier, also checking each record's signature under {@code managerKeys}, which it brings up to date. */
    public ChainVerifier withKeys(ManagerKeys managerKeys) {
        this.keys = java.util.Objects.requireNonNull(managerKeys, "managerKeys");
        return this;
    }

    /** Checks the next record; false when it does not fit the chain. Either way, later records are checked too. */
    public boolean accept(long offset, byte[] encoded) {
        unlisted.clear();
        Blame pending = lastBlame;
        lastBlame = null;
        if (offset != expectedOffset) {
            gaps.add(new Gap(expectedOffset, offset - 1));
        }
        expectedOffset = offset + 1;
        // a chain check needs only the envelope; a signature check needs the event itself (its seal, a rotation)
        HashedEvent hashed = null;
        LedgerEnvelope event;
        try {
            if (keys != null) {
                hashed = HashedEvent.of(encoded);
                event = hashed.envelope();
            } else {
                event = LedgerEnvelope.of(encoded);
            }
        } catch (UndecodableRecordException e) {
            // it may have been put in between (the next event links to the last good one) or have taken a genuine
            // event's place (the next event links to what is gone): either way the next sound event goes on
            reanchor = true;
            return fail(offset, "not a ledger event: " + e.getMessage());
        }
        boolean sound = event.sound();
        Hash link = event.prevHash();
        List<Gap> empty = List.copyOf(gaps);
        gaps.clear();
        // the next record, however many marker offsets lie between
        if (pending != null && sound && link.equals(pending.blamed().hash())) {
            // the chain goes on from the event just blamed: the one taken in its place was the odd one out
            restore(pending.before());
            expectedOffset = offset + 1;
            fail(pending.offset(), "links to the same event as the one at offset " + pending.blamed().offset()
                    + " before it, which the event at offset " + offset + " goes on from");
        }
        String unsigned = sound && hashed != null ? signatureBreak(offset, hashed) : null;
        if (unsigned != null) {
            // its successor may link to it when the manager chained onto it; then the walk goes on from there
            orphan = event.hash();
            return fail(offset, unsigned);
        }
        if (link.equals(previous)) {
            if (!sound) {
                orphan = event.hash();
                return fail(offset, event.mismatch());
            }
            link(offset, event);
            return true;
        }
        Long original = sound ? seen.get(event.hash()) : null;
        if (original != null) {
            // a byte copy of an event already verified, put in after a record that made the walk look for a new
            // anchor: picked up, it would fit so well (the next events link to it or past it) that it were never reported
            return fail(offset, "a copy of the event at offset " + original);
        }
        if (sound && (reanchor || link.equals(orphan))) {
            pickUp(offset, event);
            return true;
        }
        if (sound && trunk != null && link.equals(trunk.previous())) {
            blamePickedUp(offset);
            link(offset, event);
            return true;
        }
        if (sound && link.equals(headPrev)) {
            if (event.hash().equals(head.hash())) {
                return fail(offset, "a copy of the event at offset " + head.offset());
            }
            State before = state();
            Checkpoint blamed = head;
            blameHead(offset);
            link(offset, event);
            lastBlame = new Blame(offset, blamed, before);
            return true;
        }
        if (!empty.isEmpty()) {
            // it links to an event never seen: what the empty offsets held is gone, and the chain goes on from here
            for (Gap gap : empty) {
                fail(gap.from(), "offsets " + gap.from() + " to " + gap.to() + " are missing");
            }
            reanchor = true;
            if (sound) {
                pickUp(offset, event);
                return true;
            }
        }
        orphan = event.hash();
        return fail(offset, reanchor
                ? event.mismatch()
                : "prevHash " + link + " is not the hash of the event before it (" + previous + ")");
    }

    /** Why a sound record is not the manager's, or null when it is (or when no keys were given). */
    private String signatureBreak(long offset, HashedEvent hashed) {
        if (keys == null) {
            return null;
        }
        if (!hashed.event().seal().isSigned() && !signedSeen) {
            return null;
        }
        KeyFingerprint expected = keys.current();
        SignatureVerdict verdict = keys.accept(offset, hashed);
        if (verdict instanceof SignatureVerdict.Refused refused) {
            return "not signed by the manager key " + expected + " (" + refused.reason() + ")";
        }
        signedSeen = true;
        return null;
    }

    /** Intact so far, or the breaks found so far. */
    public ChainVerdict verdict() {
        if (breakCount == 0) {
            return new ChainVerdict.Intact(fromOffset, verified, Optional.ofNullable(head));
        }
        return new ChainVerdict.Broken(fromOffset, verifiedBeforeBreak, Optional.ofNullable(headBeforeBreak), breaks,
                breakCount, verified, Optional.ofNullable(head));
    }

    private State state() {
        return new State(expectedOffset, previous, head, beforeHead, headPrev, orphan, reanchor, trunk,
                List.copyOf(pickedUp), verified, List.copyOf(breaks), breakCount, verifiedBeforeBreak, headBeforeBreak);
    }

    private void restore(State state) {
        expectedOffset = state.expectedOffset();
        previous = state.previous();
        head = state.head();
        beforeHead = state.beforeHead();
        headPrev = state.headPrev();
        orphan = state.orphan();
        reanchor = state.reanchor();
        trunk = state.trunk();
        pickedUp.clear();
        pickedUp.addAll(state.pickedUp());
        verified = state.verified();
        breaks.clear();
        breaks.addAll(state.breaks());
        breakCount = state.breakCount();
        verifiedBeforeBreak = state.verifiedBeforeBreak();
        headBeforeBreak = state.headBeforeBreak();
    }

    /** Goes on after a break from an event that does not link to the last good one; remembers where that was. */
    private void pickUp(long offset, LedgerEnvelope event) {
        if (trunk == null) {
            trunk = new Trunk(previous, head, beforeHead, headPrev);
            pickedUp.clear();
        }
        link(offset, event);
    }

    private void link(long offset, LedgerEnvelope event) {
        beforeHead = head;
        headPrev = event.prevHash();
        previous = event.hash();
        head = new Checkpoint(offset, previous);
        seen.put(previous, offset);
        orphan = null;
        reanchor = false;
        verified++;
        if (trunk != null) {
            pickedUp.add(offset);
            if (pickedUp.size() > PICKED_UP_KEPT) {
                // this far on, the chain picked up after the break is the chain
                trunk = null;
                pickedUp.clear();
            }
        }
    }

    /**
     * The event at {@code offset} links to the last good event before a break, which the events picked up since
     * did not: they were put in after the break, and the chain goes on from before them.
     */
    private void blamePickedUp(long offset) {
        previous = trunk.previous();
        head = trunk.head();
        beforeHead = trunk.beforeHead();
        headPrev = trunk.headPrev();
        List<Long> blamed = List.copyOf(pickedUp);
        trunk = null;
        pickedUp.clear();
        for (long each : blamed) {
            verified--;
            fail(each, "put in after a break: the event at offset " + offset + " links to the last event before it ("
                    + previous + "), not to this one");
        }
    }

    /** The event at {@code offset} links past head to the event before it: head was put between them. */
    private void blameHead(long offset) {
        Checkpoint blamed = head;
        head = beforeHead;
        beforeHead = null;
        previous = headPrev;
        headPrev = null;
        verified--;
        if (trunk != null && !pickedUp.isEmpty()) {
            pickedUp.remove(pickedUp.size() - 1);
        }
        fail(blamed.offset(), "put between two events: the event at offset " + offset + " links to the one before it ("
                + previous + "), not to this one");
    }

    /** Lists the break in offset order, keeping the first {@link ChainVerdict#LISTED_BREAKS}. */
    private boolean fail(long offset, String reason) {
        breakCount++;
        int at = breaks.size();
        while (at > 0 && breaks.get(at - 1).offset() > offset) {
            at--;
        }
        if (at == 0) {
            // a new first break: the chain is vouched for up to here, and a checkpoint may sit no further
            verifiedBeforeBreak = verified;
            headBeforeBreak = head;
        }
        if (at < ChainVerdict.LISTED_BREAKS) {
            breaks.add(at, new ChainVerdict.Break(offset, reason));
            if (breaks.size() > ChainVerdict.LISTED_BREAKS) {
                breaks.remove(breaks.size() - 1);
            }
        } else {
            unlisted.add(new ChainVerdict.Break(offset, reason));
        }
        return false;
    }

    /**
     * The breaks the last {@link #accept} found that the verdict does not list (it keeps the first
     * {@link ChainVerdict#LISTED_BREAKS}): only counted there, so a reader that reports every break reports these now.
     */
    public List<ChainVerdict.Break> unlistedBreaks() {
        return List.copyOf(unlisted);
    }
}
