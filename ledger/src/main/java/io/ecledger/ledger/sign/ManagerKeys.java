package io.ecledger.ledger.sign;

import io.ecledger.ledger.codec.HashedEvent;
import io.ecledger.ledger.codec.UndecodableRecordException;
import io.ecledger.ledger.event.KeyRotated;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The manager keys a reader of the ledger trusts, fed the ledger in offset order: it starts from the one public key
 * the reader was given and follows each {@link KeyRotated} that the current key signed, so every later record must
 * be signed by the new key. A rotation that does not verify changes nothing. Every key it followed stays known by
 * fingerprint, so a record from before a rotation can still be checked against the key that signed it.
 * Pure apart from that state; not thread-safe.
 */
public final class ManagerKeys {

    // fingerprint -> check, in the order the keys were followed
    private final Map<KeyFingerprint, SignatureCheck> followed = new LinkedHashMap<>();
    private SignatureCheck current;
    private long rotatedAt = -1;

    /** A ring that trusts {@code trusted}, the manager key a reader was given (or the manager's own). */
    public ManagerKeys(PublicKey trusted) {
        current = new SignatureCheck(trusted);
        followed.put(current.fingerprint(), current);
    }

    private ManagerKeys(ManagerKeys from) {
        followed.putAll(from.followed);
        current = from.current;
        rotatedAt = from.rotatedAt;
    }

    /** A ring that goes on from where this one stands and leaves it as it is: for reading ahead tentatively. */
    public ManagerKeys copy() {
        return new ManagerKeys(this);
    }

    /** The fingerprint of the key the next record must be signed by. */
    public KeyFingerprint current() {
        return current.fingerprint();
    }

    /** The key the next record must be signed by, for a reader that stores where it stands. */
    public PublicKey currentPublicKey() {
        return current.publicKey();
    }

    /** The ledger offset of the last rotation followed, if any. */
    public OptionalLong rotatedAt() {
        return rotatedAt < 0 ? OptionalLong.empty() : OptionalLong.of(rotatedAt);
    }

    /** Whether {@code key} is one of the keys followed so far. */
    public boolean knows(KeyFingerprint key) {
        return followed.containsKey(key);
    }

    /** Checks {@code encoded}, at {@code offset}, under the current key and follows it when it is a signed rotation. */
    public SignatureVerdict accept(long offset, byte[] encoded) {
        HashedEvent hashed;
        try {
            hashed = HashedEvent.of(encoded);
        } catch (UndecodableRecordException e) {
            return new SignatureVerdict.Refused("not a ledger event: " + e.getMessage());
        }
        return accept(offset, hashed);
    }

    /** As {@link #accept(long, byte[])}, for a record already decoded with its content hash. */
    public SignatureVerdict accept(long offset, HashedEvent hashed) {
        SignatureVerdict verdict = verify(hashed);
        if (verdict instanceof SignatureVerdict.Verified verified) {
            follow(offset, hashed, verified);
        }
        return verdict;
    }

    /** Checks a record under the current key without following it: for a reader with more to check before it trusts it. */
    public SignatureVerdict verify(HashedEvent hashed) {
        return current.check(hashed);
    }

    /**
     * Follows {@code hashed}, at {@code offset}, when it is a rotation: for a record {@link #verify} found
     * {@code verified} and the reader then accepted. Anything else changes nothing.
     */
    public void follow(long offset, HashedEvent hashed, SignatureVerdict.Verified verified) {
        if (verified.key().equals(current.fingerprint()) && hashed.event().payload() instanceof KeyRotated rotated) {
            follow(offset, rotated);
        }
    }

    /**
     * Checks a record from before the latest rotation against the key its seal names, when the ring followed that
     * key; a record signed by a key the ring never followed is refused. For looking back at one event; a walk in
     * offset order uses {@link #accept}, under which a retired key no longer signs anything new.
     */
    public SignatureVerdict checkEarlier(byte[] encoded) {
        HashedEvent hashed;
        try {
            hashed = HashedEvent.of(encoded);
        } catch (UndecodableRecordException e) {
            return new SignatureVerdict.Refused("not a ledger event: " + e.getMessage());
        }
        return checkEarlier(hashed);
    }

    /** As {@link #checkEarlier(byte[])}, for a record already decoded with its content hash. */
    public SignatureVerdict checkEarlier(HashedEvent hashed) {
        Optional<SignatureCheck> named = named(hashed.event().seal().keyFingerprint());
        return named.orElse(current).check(hashed);
    }

    private Optional<SignatureCheck> named(String fingerprint) {
        try {
            return Optional.ofNullable(followed.get(new KeyFingerprint(fingerprint)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private void follow(long offset, KeyRotated rotated) {
        PublicKey next;
        try {
            next = KeyFiles.parsePublic(rotated.newPublicKey());
        } catch (IllegalArgumentException e) {
            // signed but unusable: keeping the current key is the only safe choice, and the manager still holds it
            return;
        }
        SignatureCheck check;
        try {
            check = new SignatureCheck(next);
        } catch (IllegalArgumentException e) {
            return;
        }
        if (!check.fingerprint().value().equals(rotated.newFingerprint())) {
            return;
        }
        followed.putIfAbsent(check.fingerprint(), check);
        current = check;
        rotatedAt = offset;
    }

    @Override
    public String toString() {
        return "ManagerKeys[current=" + current.fingerprint() + ", followed=" + followed.size() + "]";
    }
}
