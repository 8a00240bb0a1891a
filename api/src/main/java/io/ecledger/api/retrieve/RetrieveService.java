package io.ecledger.api.retrieve;

import io.ecledger.api.asof.Views;
import io.ecledger.api.http.Refused;
import io.ecledger.api.membership.Membership;
import io.ecledger.ledger.command.AsOf;
import io.ecledger.ledger.command.Target;
import java.util.Optional;

/** What {@code retrieve}, {@code subcluster retrieve} and {@code retrieve_node} answer, live or as of a point. */
public final class RetrieveService {

    private final Views views;
    private final Results results;
    private final Membership membership;

    public RetrieveService(Views views, Results results, Membership membership) {
        this.views = views;
        this.results = results;
        this.membership = membership;
    }

    /**
     * The latest command sent with exactly {@code commandText} that {@code scope} shows, from the view {@code at}
     * names; {@link Refused} when the scope names a node or subcluster that view never had.
     */
    public Optional<CommandResults> retrieve(Target scope, String commandText, Optional<AsOf> at) {
        return views.of(at).read(snapshot -> {
            membership.requireKnown(scope, snapshot);
            return results.retrieve(scope, commandText, snapshot);
        });
    }
}
