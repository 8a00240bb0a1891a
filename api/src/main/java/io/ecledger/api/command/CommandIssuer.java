package io.ecledger.api.command;

import io.ecledger.api.http.Refused;
import io.ecledger.api.membership.Member;
import io.ecledger.api.membership.Membership;
import io.ecledger.api.projection.Projection;
import io.ecledger.api.retrieve.CommandResults;
import io.ecledger.ledger.command.Origin;
import io.ecledger.ledger.command.Target;
import io.ecledger.ledger.command.SendOptions;
import io.ecledger.ledger.event.CommandIds;
import io.ecledger.ledger.event.CommandIssued;
import io.ecledger.ledger.event.Rollout;
import io.ecledger.ledger.kafka.Ledger;
import io.ecledger.ledger.kafka.LedgerEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates a command against the live membership and appends it to the ledger; nothing that
 * names an unknown node or subcluster reaches the ledger. It returns once the ledger has the event, before the
 * projection applied it: live reads wait for that ({@link Projection#ownWrites()}).
 */
public final class CommandIssuer {

    private static final Logger LOG = LoggerFactory.getLogger(CommandIssuer.class);

    private final Ledger ledger;
    private final Projection projection;
    private final Membership membership;
    private final Clock clock;
    private final Duration commandTimeout;
    private final Duration deliveryTimeout;

    /**
     * An issuer giving each command {@code commandTimeout} to be answered, and each node {@code deliveryTimeout} (at
     * most the command timeout) to have started it.
     */
    public CommandIssuer(Ledger ledger, Projection projection, Membership membership, Clock clock, Duration commandTimeout,
            Duration deliveryTimeout) {
        this.ledger = ledger;
        this.projection = projection;
        this.membership = membership;
        this.clock = clock;
        this.commandTimeout = commandTimeout;
        this.deliveryTimeout = deliveryTimeout.compareTo(commandTimeout) > 0 ? commandTimeout : deliveryTimeout;
        if (commandTimeout.compareTo(CommandIssued.DEFAULT_DEADLINE_BOUND) > 0) {
            LOG.warn("commandTimeout {} is longer than the agents' default deadline bound {}: agents started without a "
                    + "--max-deadline at least as long will refuse every command as REJECTED", commandTimeout,
                    CommandIssued.DEFAULT_DEADLINE_BOUND);
        }
    }

    /** Sends {@code text} to {@code target}; expected are the members the target covers that have not left. */
    public Issued issue(Target target, String text, String actor, Origin origin) {
        return issue(target, text, SendOptions.NONE, actor, origin);
    }

    /**
     * Sends {@code text} to {@code target} as {@code options} say: at once, or in batches of the expected nodes in
     * name order, the first released with the command.
     */
    public Issued issue(Target target, String text, SendOptions options, String actor, Origin origin) {
        if (options.dryRun()) {
            throw new IllegalArgumentException("a dry run is planned, not issued");
        }
        Instant now = clock.instant();
        List<String> expected = expectedNodes(target, now);
        return append(actor, origin, new CommandIssued(CommandIds.next(), target, text, expected,
                now.plus(commandTimeout), OptionalLong.empty(), Optional.of(now.plus(deliveryTimeout)),
                Rollout.of(options, expected.size()), Optional.empty()));
    }

    /** Sends {@code original}'s text to its target again, expecting only {@code nodes}, linked to it as its rerun. */
    public Issued rerun(CommandResults original, List<String> nodes, String actor, Origin origin) {
        Instant now = clock.instant();
        return append(actor, origin, new CommandIssued(CommandIds.next(), original.target(), original.commandText(),
                nodes, now.plus(commandTimeout), OptionalLong.empty(), Optional.of(now.plus(deliveryTimeout)),
                Optional.empty(), Optional.of(original.commandId())));
    }

    /** The batches a send with {@code options} to {@code target} would go out in now, in order; nothing is sent. */
    public List<List<String>> plan(Target target, SendOptions options) {
        List<String> expected = expectedNodes(target, clock.instant());
        return Rollout.of(options, expected.size()).map(rollout -> rollout.batches(expected))
                .orElse(expected.isEmpty() ? List.of() : List.of(expected));
    }

    /** The delivery deadline and deadline a batch released now gets. */
    public Deadlines deadlinesFromNow() {
        Instant now = clock.instant();
        return new Deadlines(now.plus(deliveryTimeout), now.plus(commandTimeout));
    }

    /** By when a node must start a command (or batch), and by when answer it. */
    public record Deadlines(Instant deliverBy, Instant deadline) {}

    /**
     * Sends {@code text} to {@code target} again as a new command with origin {@link Origin#REPLAY}, linked to the
     * command issued at ledger offset {@code replayOf}; expected nodes and deadline are computed now.
     */
    public Issued reissue(Target target, String text, long replayOf, String actor) {
        Instant now = clock.instant();
        List<String> expected = expectedNodes(target, now);
        return append(actor, Origin.REPLAY, new CommandIssued(CommandIds.next(), target, text, expected,
                now.plus(commandTimeout), OptionalLong.of(replayOf), Optional.of(now.plus(deliveryTimeout)),
                Optional.empty(), Optional.empty()));
    }

    /** The nodes a command to {@code target} sent now would expect, refusing the target as {@link #issue} would. */
    public List<String> expectedNodes(Target target) {
        return expectedNodes(target, clock.instant());
    }

    private Issued append(String actor, Origin origin, CommandIssued command) {
        LedgerEntry entry = ledger.appendEntry(actor, origin, command);
        // answered once the ledger has it; reads wait for the projection instead (Projection.ownWrites)
        projection.appended(entry.offset());
        CommandIssued issued = (CommandIssued) entry.event().payload();
        return new Issued(issued.commandId(), entry.offset(), issued.expectedNodes(), issued.deadline());
    }

    private List<String> expectedNodes(Target target, Instant now) {
        // H2 may have reopened its file at an older state: a broadcast targeted from it would miss nodes for good
        projection.stalled().ifPresent(why -> {
            throw Refused.unavailable("views-unavailable", "not sent: the projection cannot write to H2 (" + why
                    + "), so the membership a send is targeted from may be stale; nothing was appended, try again once "
                    + "the manager's health is green");
        });
        List<Member> members = membership.members(now);
        Membership.requireKnown(target, members);
        if (target instanceof Target.Unicast) {
            String node = ((Target.Unicast) target).node();
            if (members.stream().noneMatch(m -> m.node().equals(node) && !m.left())) {
                throw new Refused("node-left", "node '" + node + "' has left the cluster");
            }
        }
        // a silent member is still expected: retrieve shows it timed out, which is what the operator must see
        return members.stream()
                .filter(m -> !m.left() && target.includes(m.node(), m.subcluster()))
                .map(Member::node)
                .sorted()
                .collect(Collectors.toList());
    }
}
