package io.ecledger.ledger.chain;

import java.util.Optional;

/** The outcome of walking the ledger's hash chain from {@code fromOffset}. */
public sealed interface ChainVerdict permits ChainVerdict.Intact, ChainVerdict.Broken {

    /** The first offset checked: 0, or the one after a checkpoint. */
    long fromOffset();

    /** How many events were checked and found linked before the verdict. */
    long verifiedEvents();

    /** The last event found linked, if any: where a later verify can start. */
    Optional<Checkpoint> head();

    /** True when nothing broke the chain. */
    boolean intact();

    /** Every event links to its predecessor and carries the hash of its own content. */
    record Intact(long fromOffset, long verifiedEvents, Optional<Checkpoint> head) implements ChainVerdict {
        @Override
        public boolean intact() {
            return true;
        }
    }

    /** The first record, at {@code offset}, that does not fit the chain, and why. */
    record Broken(long fromOffset, long verifiedEvents, Optional<Checkpoint> head, long offset, String reason)
            implements ChainVerdict {
        @Override
        public boolean intact() {
            return false;
        }
    }
}
