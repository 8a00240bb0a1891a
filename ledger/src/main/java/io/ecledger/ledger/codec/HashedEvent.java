package io.ecledger.ledger.codec;

import io.ecledger.ledger.event.Hash;
import io.ecledger.ledger.event.LedgerEvent;

/** A ledger record decoded together with the hash its content really has, which its own {@code hash} must equal. */
public record HashedEvent(LedgerEvent event, Hash content) {

    /** Decodes {@code encoded} and hashes its content, or throws when it is no ledger event. */
    public static HashedEvent of(byte[] encoded) throws UndecodableRecordException {
        return new HashedEvent(EventCodec.LEDGER.decode(encoded), LedgerHashing.contentHash(encoded));
    }

    /** True when the event carries the hash of its own content. */
    public boolean sound() {
        return event.hash().equals(content);
    }

    /** Why an unsound event is refused. */
    public String mismatch() {
        return "hash " + event.hash() + " does not match its content (" + content + ")";
    }
}
