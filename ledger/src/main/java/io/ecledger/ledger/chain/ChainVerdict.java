package io.ecledger.ledger.chain;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The outcome of walking the ledger's hash chain from {@code fromOffset}. */
public sealed interface ChainVerdict permits ChainVerdict.Intact, ChainVerdict.Broken {

    /** How many breaks a verdict lists; {@link Broken#breakCount()} counts them all. */
    int LISTED_BREAKS = 100;

    /** The first offset checked: 0, or the one after a checkpoint. */
    long fromOffset();

    /** How many events were checked and found linked before the first break (all of them when intact). */
    long verifiedEvents();

    /** The last event found linked before the first break, if any: where a later verify can start. */
    Optional<Checkpoint> head();

    /** True when nothing broke the chain. */
    boolean intact();

    /** One record, at {@code offset}, that does not fit the chain, and why. */
    record Break(long offset, String reason) {
        public Break {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Every event links to its predecessor and carries the hash of its own content. */
    record Intact(long fromOffset, long verifiedEvents, Optional<Checkpoint> head) implements ChainVerdict {
        @Override
        public boolean intact() {
            return true;
        }
    }

    /**
     * Records that do not fit the chain: the first {@link #LISTED_BREAKS} in {@code breaks}, in offset order, and
     * {@code breakCount} in all. The walk goes on after a break, so {@code verifiedInAll} counts every event that
     * links into the chain, before and after the breaks, up to {@code lastVerified}.
     */
    record Broken(long fromOffset, long verifiedEvents, Optional<Checkpoint> head, List<Break> breaks, long breakCount,
            long verifiedInAll, Optional<Checkpoint> lastVerified) implements ChainVerdict {

        public Broken {
            breaks = List.copyOf(breaks);
            if (breaks.isEmpty() || breaks.size() > LISTED_BREAKS || breakCount < breaks.size()) {
                throw new IllegalArgumentException("a broken verdict lists 1 to " + LISTED_BREAKS + " of its " + breakCount
                        + " break(s), not " + breaks.size());
            }
        }

        /** The first record that does not fit the chain. */
        public long offset() {
            return breaks.get(0).offset();
        }

        /** Why the first break does not fit. */
        public String reason() {
            return breaks.get(0).reason();
        }

        @Override
        public boolean intact() {
            return false;
        }
    }
}
