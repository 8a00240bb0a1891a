package io.ecledger.ledger.chain;

import io.ecledger.ledger.codec.HashedEvent;
import io.ecledger.ledger.event.Hash;
import io.ecledger.ledger.sign.ManagerKeys;
import io.ecledger.ledger.sign.SignatureVerdict;
import java.util.Objects;
import java.util.Optional;

/**
 * Which ledger records are the manager's, for a reader that follows the ledger in offset order: a genuine event is
 * signed by the current manager key (following each {@code KeyRotated} the key of its moment signed) and links to
 * the last genuine event, so a forgery, a record signed by another key and a byte copy of a genuine record are all
 * refused. The node agent's {@code Trail} and the manager's projection both follow the ledger with it. A reader of an
 * old ledger may take unsigned events for genuine until the first signed one, as {@link ChainVerifier} does. Pure
 * apart from that state; not thread-safe.
 */
public final class ManagerTrail {

    /** The last genuine event: its offset (-1 for the start of the ledger) and hash. */
    public record Link(long offset, Hash hash) {
        /** Before the first event of the ledger. */
        public static final Link START = new Link(-1, Hash.ZERO);
        /** No anchor found before a mid-ledger start: the first event the current key signed is taken as genuine. */
        public static final Link NONE = new Link(-2, Hash.ZERO);

        public Link {
            Objects.requireNonNull(hash, "hash");
        }

        /** Why {@code hashed} does not follow this event, or null when it does. */
        public String mismatch(HashedEvent hashed) {
            Hash prev = hashed.event().prevHash();
            if (offset == NONE.offset() || prev.equals(hash)) {
                return null;
            }
            return offset < 0
                    ? "does not follow the start of the ledger (prevHash " + prev + " is not zero)"
                    : "does not follow the ledger event at offset " + offset + " (prevHash " + prev + " is not its hash "
                            + hash + ")";
        }
    }

    /**
     * What a reader found of one record: its signature verdict, whether it is an unsigned event of an old ledger
     * taken as it is, and, when it does not link on, why.
     */
    public record Screen(SignatureVerdict signature, boolean unsignedBeforeSigning, String linkMismatch) {

        public Screen {
            Objects.requireNonNull(signature, "signature");
        }

        /** A screen of a record signed (or not) as {@code signature} says, linking on unless {@code linkMismatch}. */
        public Screen(SignatureVerdict signature, String linkMismatch) {
            this(signature, false, linkMismatch);
        }

        /** Signed by the current key (or an old ledger's unsigned event) and linked to the last genuine event. */
        public boolean genuine() {
            return (signature.verified() || unsignedBeforeSigning) && linkMismatch == null;
        }

        /** Why the record is not the manager's, empty when it is genuine: the signature first, then the link. */
        public Optional<String> refusal() {
            if (signature instanceof SignatureVerdict.Refused refused && !unsignedBeforeSigning) {
                return Optional.of(refused.reason());
            }
            return Optional.ofNullable(linkMismatch);
        }
    }

    private final ManagerKeys keys;
    private final boolean unsignedUntilSigned;
    private Link previous;
    private boolean signedSeen;

    /**
     * A trail trusting {@code keys} that goes on from {@code previous}. With {@code unsignedUntilSigned}, unsigned
     * events with a sound hash are genuine until {@code signedSeen} (the first signed genuine event); an agent,
     * pinned to a key from its first record, passes false.
     */
    public ManagerTrail(ManagerKeys keys, Link previous, boolean unsignedUntilSigned, boolean signedSeen) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.previous = Objects.requireNonNull(previous, "previous");
        this.unsignedUntilSigned = unsignedUntilSigned;
        this.signedSeen = signedSeen;
    }

    /** A trail from the start of the ledger that takes only signed events. */
    public static ManagerTrail signedFromStart(ManagerKeys keys) {
        return new ManagerTrail(keys, Link.START, false, false);
    }

    /** A trail that goes on from where this one stands and leaves it as it is: for reading ahead tentatively. */
    public ManagerTrail copy() {
        return new ManagerTrail(keys.copy(), previous, unsignedUntilSigned, signedSeen);
    }

    /** The keys followed so far. */
    public ManagerKeys keys() {
        return keys;
    }

    /** The last genuine event. */
    public Link previous() {
        return previous;
    }

    /** Whether a signed genuine event has been accepted: from then on every event must be signed. */
    public boolean signedSeen() {
        return signedSeen;
    }

    /** Checks {@code hashed} against the current key and the last genuine event; changes nothing. */
    public Screen screen(HashedEvent hashed) {
        SignatureVerdict signature = keys.verify(hashed);
        boolean legacy = !signature.verified() && unsignedUntilSigned && !signedSeen && hashed.sound()
                && !hashed.event().seal().isSigned();
        return new Screen(signature, legacy, previous.mismatch(hashed));
    }

    /** Takes {@code hashed}, at {@code offset}, as the last genuine event when {@code screen} found it genuine. */
    public void accept(long offset, HashedEvent hashed, Screen screen) {
        if (!screen.genuine()) {
            return;
        }
        if (screen.signature() instanceof SignatureVerdict.Verified verified) {
            keys.follow(offset, hashed, verified);
            signedSeen = true;
        }
        previous = new Link(offset, hashed.event().hash());
    }

    /** Screens {@code hashed} and accepts it when genuine: the refusal, empty when it was accepted. */
    public Optional<String> follow(long offset, HashedEvent hashed) {
        Screen screen = screen(hashed);
        accept(offset, hashed, screen);
        return screen.refusal();
    }
}
