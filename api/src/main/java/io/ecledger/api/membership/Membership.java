package io.ecledger.api.membership;

import io.ecledger.api.asof.Snapshot;
import io.ecledger.api.http.Refused;
import io.ecledger.ledger.command.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
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
        return members(jdbi, now);
    }

    /** The members of {@code snapshot}'s projection, as {@link #members(Instant)} at its moment. */
    public List<Member> members(Snapshot snapshot) {
        return members(snapshot.projection(), snapshot.now());
    }

    /** Refuses a node or subcluster name that no member of {@code snapshot}, present or gone, ever had. */
    public void requireKnown(Target target, Snapshot snapshot) {
        requireKnown(target, members(snapshot));
    }

    /** Refuses a subcluster or node that none of {@code members} is in or is. */
    public static void requireKnown(Target target, List<Member> members) {
        if (target instanceof Target.Unicast) {
            String node = ((Target.Unicast) target).node();
            if (members.stream().noneMatch(m -> m.node().equals(node))) {
                throw new Refused("unknown-node", "unknown node '" + node + "'; known nodes: "
                        + names(members.stream().map(Member::node)));
            }
        } else if (target instanceof Target.Subcluster) {
            String name = ((Target.Subcluster) target).name();
            if (members.stream().noneMatch(m -> m.subcluster().equals(name))) {
                throw new Refused("unknown-subcluster", "unknown subcluster '" + name + "'; known subclusters: "
                        + names(members.stream().map(Member::subcluster)));
            }
        } else if (!(target instanceof Target.Broadcast)) {
            throw new AssertionError("unhandled target " + target);
        }
    }

    private List<Member> members(Jdbi projection, Instant now) {
        return projection.withExtension(MembershipDao.class, MembershipDao::members).stream()
                .map(row -> member(row, now, aliveWindow))
                .toList();
    }

    static Member member(MemberRow row, Instant now, Duration aliveWindow) {
        boolean alive = !row.hasLeft() && !row.lastSeen().isBefore(now.minus(aliveWindow));
        return new Member(row.node(), row.subcluster(), row.host(), row.version(), row.lastSeen(), alive, row.hasLeft());
    }

    private static String names(Stream<String> names) {
        List<String> distinct = names.distinct().sorted().toList();
        return distinct.isEmpty() ? "(none yet)" : String.join(", ", distinct);
    }
}
