package io.ecledger.node.agent;

import io.ecledger.ledger.chain.ManagerTrail;
import io.ecledger.ledger.chain.ManagerTrail.Link;
import io.ecledger.ledger.chain.ManagerTrail.Screen;
import io.ecledger.ledger.codec.HashedEvent;
import io.ecledger.ledger.event.CommandIssued;
import io.ecledger.ledger.sign.ManagerKeys;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * What an agent has accepted of the ledger so far: a {@link ManagerTrail} (the manager keys it follows and the last
 * genuine event, the one the next genuine event links to; the rule the manager's projection follows too) and the
 * command ids of a bounded window of genuine commands, oldest forgotten first. What is accepted between
 * {@link #tentatively()} and {@link #keep()} can be undone ({@link #undo()}): an agent reads ahead of the transaction
 * that commits its answers, and when that aborts it reads the same records again from where it stood. Not thread-safe.
 */
final class Trail {

    private final int answeredWindow;
    private final Map<UUID, Long> answered;
    // ids accepted tentatively, kept in the window only once their answers are committed
    private final Map<UUID, Long> tentative = new LinkedHashMap<>();
    private ManagerTrail chain;
    // the trail as it stood before the tentative part; null when nothing is tentative
    private ManagerTrail saved;

    /** A trail from the start of the ledger, trusting {@code managerKey}, remembering up to {@code answeredWindow} ids. */
    Trail(PublicKey managerKey, int answeredWindow) {
        this(new ManagerKeys(managerKey), answeredWindow, Link.START);
    }

    Trail(ManagerKeys keys, int answeredWindow, Link previous) {
        if (answeredWindow < 1) {
            throw new IllegalArgumentException("the answered window must hold at least one command id, not " + answeredWindow);
        }
        this.chain = new ManagerTrail(keys, previous, false, true);
        this.answeredWindow = answeredWindow;
        this.answered = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<UUID, Long> eldest) {
                return size() > Trail.this.answeredWindow;
            }
        };
    }

    /** The keys followed so far. */
    ManagerKeys keys() {
        return chain.keys();
    }

    /** The last genuine event. */
    Link previous() {
        return chain.previous();
    }

    /** Checks {@code hashed} against the current key and the last genuine event; changes nothing. */
    Screen screen(HashedEvent hashed) {
        return chain.screen(hashed);
    }

    /** Takes {@code hashed}, at {@code offset}, as the last genuine event when {@code screen} found it genuine. */
    void accept(long offset, HashedEvent hashed, Screen screen) {
        if (!screen.genuine()) {
            return;
        }
        chain.accept(offset, hashed, screen);
        if (hashed.event().payload() instanceof CommandIssued command) {
            (saved == null ? answered : tentative).putIfAbsent(command.commandId(), offset);
        }
    }

    /** From here on, what is accepted can be undone until it is kept. */
    void tentatively() {
        if (saved == null) {
            saved = chain;
            chain = chain.copy();
        }
    }

    /** Keeps what was accepted tentatively: its answers are committed. */
    void keep() {
        tentative.forEach(answered::putIfAbsent);
        tentative.clear();
        saved = null;
    }

    /** Forgets what was accepted tentatively: the trail stands where it stood, to read the same records again. */
    void undo() {
        if (saved != null) {
            chain = saved;
            saved = null;
        }
        tentative.clear();
    }

    /** Remembers that {@code commandId} was answered at {@code offset}, as a restart preloads it. */
    void remember(UUID commandId, long offset) {
        answered.putIfAbsent(commandId, offset);
    }

    /** Where the genuine command {@code commandId} was read before, if it is in the window. */
    OptionalLong answeredAt(UUID commandId) {
        Long at = answered.get(commandId);
        if (at == null) {
            at = tentative.get(commandId);
        }
        return at == null ? OptionalLong.empty() : OptionalLong.of(at);
    }

    int answeredCount() {
        return answered.size() + tentative.size();
    }
}
