package io.ecledger.node.agent;

import io.ecledger.ledger.chain.ManagerTrail;
import io.ecledger.ledger.chain.ManagerTrail.Link;
import io.ecledger.ledger.chain.ManagerTrail.Screen;
import io.ecledger.ledger.codec.HashedEvent;
import io.ecledger.ledger.event.BatchReleased;
import io.ecledger.ledger.event.CommandIssued;
import io.ecledger.ledger.event.Payload;
import io.ecledger.ledger.sign.ManagerKeys;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * What an agent has accepted of the ledger so far: a {@link ManagerTrail} (the manager keys it follows and the last
 * genuine event, the one the next genuine event links to; the rule the manager's projection follows too) and the
 * releases (command ids, and batches of rollouts) of a bounded window of genuine commands, oldest forgotten first. What is accepted between
 * {@link #tentatively()} and {@link #keep()} can be undone ({@link #undo()}): an agent reads ahead of the transaction
 * that commits its answers, and when that aborts it reads the same records again from where it stood. Not thread-safe.
 */
final class Trail {

    private final int answeredWindow;
    private final Map<Release, Long> answered;
    // ids accepted tentatively, kept in the window only once their answers are committed
    private final Map<Release, Long> tentative = new LinkedHashMap<>();
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
            protected boolean removeEldestEntry(Map.Entry<Release, Long> eldest) {
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
        Release.of(hashed.event().payload())
                .ifPresent(release -> (saved == null ? answered : tentative).putIfAbsent(release, offset));
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

    /** Remembers that {@code release} was read at {@code offset}, as a restart preloads it. */
    void remember(Release release, long offset) {
        answered.putIfAbsent(release, offset);
    }

    /** Where the genuine command {@code commandId} was issued before, if it is in the window. */
    OptionalLong answeredAt(UUID commandId) {
        return answeredAt(new Release(commandId, 0));
    }

    /** Where the genuine event releasing {@code release} was read before, if it is in the window. */
    OptionalLong answeredAt(Release release) {
        Long at = answered.get(release);
        if (at == null) {
            at = tentative.get(release);
        }
        return at == null ? OptionalLong.empty() : OptionalLong.of(at);
    }

    /**
     * One release of a command to nodes: batch 0 with its {@link CommandIssued}, each later batch with its
     * {@link BatchReleased}. A second genuine event releasing the same is a copy.
     */
    record Release(UUID commandId, int batch) {

        /** The release {@code payload} is, if it is one. */
        static Optional<Release> of(Payload payload) {
            if (payload instanceof CommandIssued command) {
                return Optional.of(new Release(command.commandId(), 0));
            }
            if (payload instanceof BatchReleased batch) {
                return Optional.of(new Release(batch.commandId(), batch.batch()));
            }
            return Optional.empty();
        }
    }

    int answeredCount() {
        return answered.size() + tentative.size();
    }
}
