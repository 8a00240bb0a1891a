package io.ecledger.ledger.chain;

import io.ecledger.ledger.codec.EventCodec;
import io.ecledger.ledger.codec.LedgerHashing;
import io.ecledger.ledger.codec.UndecodableRecordException;
import io.ecledger.ledger.event.Hash;
import io.ecledger.ledger.event.LedgerEvent;
import java.util.Optional;

/** Checks ledger records, fed in offset order, until the first that breaks the chain. */
public final class ChainVerifier {

    private final long fromOffset;
    private Hash previous;
    private long expectedOffset;
    private long verified;
    private Checkpoint head;
    private ChainVerdict.Broken broken;

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
            broken = new ChainVerdict.Broken(firstOffset, 0, Optional.empty(), 0,
                    "records before offset " + firstOffset + " are gone");
        }
    }

    /** A verifier that trusts {@code checkpoint} and checks the records after it. */
    public static ChainVerifier after(Checkpoint checkpoint) {
        return new ChainVerifier(checkpoint.offset() + 1, checkpoint.hash(), checkpoint);
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
        head = new Checkpoint(offset, previous);
        verified++;
        return true;
    }

    /** Intact so far, or the first break. */
    public ChainVerdict verdict() {
        return broken != null ? broken : new ChainVerdict.Intact(fromOffset, verified, Optional.ofNullable(head));
    }

    private boolean fail(long offset, String reason) {
        broken = new ChainVerdict.Broken(fromOffset, verified, Optional.ofNullable(head), offset, reason);
        return false;
    }
}
