package io.ecledger.ledger.chain;

/** The outcome of walking the ledger's hash chain. */
public sealed interface ChainVerdict permits ChainVerdict.Intact, ChainVerdict.Broken {

    /** How many events were checked and found linked before the verdict. */
    long verifiedEvents();

    /** Every event links to its predecessor and carries the hash of its own content. */
    record Intact(long verifiedEvents) implements ChainVerdict {}

    /** The first record, at {@code offset}, that does not fit the chain, and why. */
    record Broken(long verifiedEvents, long offset, String reason) implements ChainVerdict {}
}
