package io.ecledger.ledger.sign;

import io.ecledger.ledger.codec.HashedEvent;
import io.ecledger.ledger.event.Hash;
import io.ecledger.ledger.event.Seal;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The manager's key as the ledger's {@link Signer}: the key of the moment, which a rotation swaps for the next one.
 * The swap must happen between two appends (the appender names the key, hashes, then signs), which is the caller's
 * to arrange.
 */
public final class CurrentManagerKey implements Signer {

    private record State(ManagerKey key, long rotatedAt, List<SignatureCheck> retired) {}

    private volatile State state;

    /** Signs with {@code key}, which took over at ledger offset {@code rotatedAt} (empty when it is the first key). */
    public CurrentManagerKey(ManagerKey key, OptionalLong rotatedAt) {
        this(key, rotatedAt, List.of());
    }

    /** As {@link #CurrentManagerKey(ManagerKey, OptionalLong)}, having signed with the {@code retired} keys before. */
    public CurrentManagerKey(ManagerKey key, OptionalLong rotatedAt, List<PublicKey> retired) {
        this.state = new State(Objects.requireNonNull(key, "key"), rotatedAt.orElse(-1),
                retired.stream().map(SignatureCheck::new).toList());
    }

    /** The key that signs now. */
    public ManagerKey key() {
        return state.key();
    }

    /** The ledger offset of the {@code KeyRotated} event that handed over to the current key, if any. */
    public OptionalLong rotatedAt() {
        long at = state.rotatedAt();
        return at < 0 ? OptionalLong.empty() : OptionalLong.of(at);
    }

    /** Signs every later event with {@code next}, which the event at {@code offset} handed the ledger to. */
    public void switchTo(ManagerKey next, long offset) {
        State before = state;
        List<SignatureCheck> retired = new ArrayList<>(before.retired());
        retired.add(new SignatureCheck(before.key().publicKey()));
        state = new State(Objects.requireNonNull(next, "next"), offset, List.copyOf(retired));
    }

    @Override
    public KeyFingerprint fingerprint() {
        return state.key().fingerprint();
    }

    @Override
    public Seal seal(Hash hash) {
        return state.key().seal(hash);
    }

    @Override
    public boolean sealed(HashedEvent hashed) {
        State now = state;
        return now.key().sealed(hashed) || now.retired().stream().anyMatch(check -> check.check(hashed).verified());
    }
}
