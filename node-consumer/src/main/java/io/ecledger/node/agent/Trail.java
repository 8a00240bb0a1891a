package io.ecledger.node.agent;

import io.ecledger.ledger.codec.HashedEvent;
import io.ecledger.ledger.event.CommandIssued;
import io.ecledger.ledger.event.Hash;
import io.ecledger.ledger.sign.ManagerKeys;
import io.ecledger.ledger.sign.SignatureVerdict;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * What an agent has accepted of the ledger so far: the manager keys it follows, the last genuine event (the one the
 * next genuine event links to) and the command ids of a bounded window of genuine commands, oldest forgotten first.
 * A genuine event is one the current manager key signed that links to the last genuine event. Not thread-safe.
 */
final class Trail {

    /** The last genuine event: its offset (-1 for the start of the ledger) and hash. */
    record Link(long offset, Hash hash) {
        static final Link START = new Link(-1, Hash.ZERO);
        /** No anchor found before a mid-ledger start: the first event the current key signed is taken as genuine. */
        static final Link NONE = new Link(-2, Hash.ZERO);

        Link {
            Objects.requireNonNull(hash, "hash");
        }

        /** Why {@code hashed} does not follow this event, or null when it does. */
        String mismatch(HashedEvent hashed) {
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

    /** What the agent found of one record: its signature verdict and, when it does not link on, why. */
    record Screen(SignatureVerdict signature, String linkMismatch) {
        boolean genuine() {
            return signature.verified() && linkMismatch == null;
        }
    }

    private final ManagerKeys keys;
    private final int answeredWindow;
    private final Map<UUID, Long> answered;
    private Link previous;

    /** A trail from the start of the ledger, trusting {@code managerKey}, remembering up to {@code answeredWindow} ids. */
    Trail(PublicKey managerKey, int answeredWindow) {
        this(new ManagerKeys(managerKey), answeredWindow, Link.START);
    }

    Trail(ManagerKeys keys, int answeredWindow, Link previous) {
        if (answeredWindow < 1) {
            throw new IllegalArgumentException("the answered window must hold at least one command id, not " + answeredWindow);
        }
        this.keys = Objects.requireNonNull(keys, "keys");
        this.answeredWindow = answeredWindow;
        this.previous = Objects.requireNonNull(previous, "previous");
        this.answered = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<UUID, Long> eldest) {
                return size() > Trail.this.answeredWindow;
            }
        };
    }

    /** The keys followed so far. */
    ManagerKeys keys() {
        return keys;
    }

    /** The last genuine event. */
    Link previous() {
        return previous;
    }

    /** Checks {@code hashed} against the current key and the last genuine event; changes nothing. */
    Screen screen(HashedEvent hashed) {
        return new Screen(keys.verify(hashed), previous.mismatch(hashed));
    }

    /** Takes {@code hashed}, at {@code offset}, as the last genuine event when {@code screen} found it genuine. */
    void accept(long offset, HashedEvent hashed, Screen screen) {
        if (!screen.genuine()) {
            return;
        }
        keys.follow(offset, hashed, (SignatureVerdict.Verified) screen.signature());
        previous = new Link(offset, hashed.event().hash());
        if (hashed.event().payload() instanceof CommandIssued command) {
            answered.putIfAbsent(command.commandId(), offset);
        }
    }

    /** Remembers that {@code commandId} was answered at {@code offset}, as a restart preloads it. */
    void remember(UUID commandId, long offset) {
        answered.putIfAbsent(commandId, offset);
    }

    /** Where the genuine command {@code commandId} was read before, if it is in the window. */
    OptionalLong answeredAt(UUID commandId) {
        Long at = answered.get(commandId);
        return at == null ? OptionalLong.empty() : OptionalLong.of(at);
    }

    int answeredCount() {
        return answered.size();
    }
}
