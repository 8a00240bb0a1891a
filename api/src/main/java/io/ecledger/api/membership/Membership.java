package io.ecledger.api.membership;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** {@code show cluster membership}: every node agent heard of, and whether it is alive. */
public final class Membership {

    private final Jdbi jdbi;
    private final Duration aliveWindow;

    public Membership(Jdbi jdbi, Duration aliveWindow) {
        if (aliveWindow.isNegative() || aliveWindow.isZero()) {
            throw new IllegalArgumentException("the alive window must be positive, not " + aliveWindow);
        }
        this.jdbi = jdbi;
        this.aliveWindow = aliveWindow;
    }

    /** Members sorted by subcluster then node; alive when not left and last seen within the alive window of {@code now}. */
    public List<Member> members(Instant now) {
        return jdbi.withExtension(MembershipDao.class, MembershipDao::members).stream()
                .map(row -> member(row, now, aliveWindow))
                .toList();
    }

    static Member member(MemberRow row, Instant now, Duration aliveWindow) {
        boolean alive = !row.hasLeft() && !row.lastSeen().isBefore(now.minus(aliveWindow));
        return new Member(row.node(), row.subcluster(), row.host(), row.version(), row.lastSeen(), alive, row.hasLeft());
    }
}
