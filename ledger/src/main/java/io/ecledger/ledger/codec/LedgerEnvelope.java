package io.ecledger.ledger.codec;

import io.ecledger.ledger.event.Hash;

/**
 * A ledger record's link ({@code prevHash}), its own {@code hash} and the hash its content really has: all a hash-chain
 * check needs. Read from the bytes as written, without decoding the payload into domain records, when the body is the
 * canonical encoding {@link RawContentHash} vouches for; anything else is decoded and judged as a full read would.
 */
public record LedgerEnvelope(Hash prevHash, Hash hash, Hash content) {

    /** The envelope of {@code encoded}, or throws when it is no ledger event. */
    public static LedgerEnvelope of(byte[] encoded) throws UndecodableRecordException {
        RawContentHash.Walk walk = LedgerHashing.contentWalk(encoded);
        if (walk == null || walk.hashAt() < 0 || walk.prevHashAt() < 0) {
            return HashedEvent.of(encoded).envelope();
        }
        return new LedgerEnvelope(Hash.copyOf(encoded, walk.prevHashAt()), Hash.copyOf(encoded, walk.hashAt()),
                walk.content());
    }

    /** True when the record carries the hash of its own content. */
    public boolean sound() {
        return hash.equals(content);
    }

    /** Why an unsound record is refused. */
    public String mismatch() {
        return "hash " + hash + " does not match its content (" + content + ")";
    }
}
