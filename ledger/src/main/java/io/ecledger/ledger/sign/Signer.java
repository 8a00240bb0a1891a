package io.ecledger.ledger.sign;

import io.ecledger.ledger.codec.HashedEvent;
import io.ecledger.ledger.event.Hash;
import io.ecledger.ledger.event.Seal;

/** What seals ledger events: names its key before the hash is taken, then signs the hash. */
public interface Signer {

    /** The fingerprint of the key that signs. */
    KeyFingerprint fingerprint();

    /** The seal a draft carries before it is hashed: the key named, no signature yet. */
    default Seal pending() {
        return Seal.pending(fingerprint().value());
    }

    /** The seal of an event whose hash is {@code hash}. */
    Seal seal(Hash hash);

    /**
     * Whether this signer (with any key it signed with before a rotation) sealed {@code hashed}: the ledger chains a
     * new event only onto one of its own, never onto a record someone else put at the end of the topic.
     */
    boolean sealed(HashedEvent hashed);
}
