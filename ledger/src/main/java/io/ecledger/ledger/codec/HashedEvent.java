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
        return envelope().mismatch();
    }

    /** The link and hashes of this event, as a chain check sees them. */
    public LedgerEnvelope envelope() {
        return new LedgerEnvelope(event.prevHash(), event.hash(), content);
    }
}
