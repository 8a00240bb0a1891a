package io.ecledger.api.console;

import io.ecledger.api.membership.Member;
import io.ecledger.api.membership.Membership;
import io.ecledger.api.retrieve.Results;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/** What a console may complete from the live cluster: node and subcluster names, and command texts since the last flush. */
public record Completions(List<String> nodes, List<String> subclusters, List<String> commands) {

    public Completions {
        nodes = List.copyOf(nodes);
        subclusters = List.copyOf(subclusters);
        commands = List.copyOf(commands);
    }

    /** The completions of the live membership and results buffer, read anew each time. */
    public static Supplier<Completions> live(Membership membership, Results results, Clock clock) {
        return () -> {
            List<Member> members = membership.members(clock.instant());
            return new Completions(
                    members.stream().map(Member::node).distinct().sorted().toList(),
                    members.stream().map(Member::subcluster).distinct().sorted().toList(),
                    results.commandTexts());
        };
    }
}
