package io.ecledger.api.console;

import io.ecledger.api.membership.Member;
import io.ecledger.api.membership.Membership;
import io.ecledger.api.retrieve.Results;
import io.ecledger.ledger.command.CompletionData;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/** Where a console's completion data comes from: the live membership and the results buffer. */
public final class Completions {

    private Completions() {}

    /** Node and subcluster names and the command texts since the last flush, read anew each time. */
    public static Supplier<CompletionData> live(Membership membership, Results results, Clock clock) {
        return () -> {
            List<Member> members = membership.members(clock.instant());
            return new CompletionData(
                    members.stream().map(Member::node).distinct().sorted().toList(),
                    members.stream().map(Member::subcluster).distinct().sorted().toList(),
                    results.commandTexts());
        };
    }
}
