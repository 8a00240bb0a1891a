package io.ecledger.ledger.chain;

import io.ecledger.ledger.codec.EventCodec;
import io.ecledger.ledger.codec.LedgerHashing;
import io.ecledger.ledger.codec.UndecodableRecordException;
import io.ecledger.ledger.event.LedgerEvent;

/** Checks ledger records, fed in offset order from the first, until the first that breaks the chain. */
public final class ChainVerifier {

    private Hash previous = Hash.ZERO;
    private long expectedOffset;
    private long verified;
    private ChainVerdict.Broken broken;

    /** A verifier for a ledger read from its first record, offset {@code firstOffset}. */
    public ChainVerifier(long firstOffset) {
        this.expectedOffset = firstOffset;
        if (firstOffset != 0) {
            broken = new ChainVerdict.Broken(0, 0, "records before offset " + firstOffset + " are gone");
        }
    }

    /** Checks the next record; returns false once the chain is broken (later records prove nothing). */
    public boolean accept(long offset, byte[] encoded) {
        if (broken != null) {
            return false;
        }
        if (offset != expectedOffset) {
            return fail(expectedOffset, "offsets " + expectedOffset + " to " + (offset - 1) + " are missing");
        }
        expectedOffset = offset + 1;
        LedgerEvent event;
        Hash content;
        try {
            event = EventCodec.LEDGER.decode(encoded);
            content = LedgerHashing.contentHash(encoded);
        } catch (UndecodableRecordException e) {
            return fail(offset, "not a ledger event: " + e.getMessage());
        }
        if (!event.prevHash().equals(previous)) {
            return fail(offset, "prevHash " + event.prevHash() + " is not the hash of the event before it (" + previous + ")");
        }
        if (!event.hash().equals(content)) {
            return fail(offset, "hash " + event.hash() + " does not match its content (" + content + ")");
        }
        previous = event.hash();
        verified++;
        return true;
    }

    /** Intact so far, or the first break. */
    public ChainVerdict verdict() {
        return broken != null ? broken : new ChainVerdict.Intact(verified);
    }

    private boolean fail(long offset, String reason) {
        broken = new ChainVerdict.Broken(verified, offset, reason);
        return false;
    }
}
