package io.ecledger.api.history;

import io.ecledger.api.projection.TargetColumns;
import io.ecledger.ledger.command.HistoryFilter;
import io.ecledger.ledger.command.Target;
import java.time.Instant;

/**
 * A {@link HistoryFilter} as the parameters of {@link HistoryDao}'s SQL: null switches a filter off. Only a binding
 * shape for the DAO; nothing outside this package sees the nulls.
 */
public record HistoryQuery(String actor, Instant since, Instant until, String origin, String text, String regex,
        String targetKind, String targetName, String node, String status, Instant now, boolean oldestFirst, int limit,
        long skip) {

    public static HistoryQuery of(HistoryFilter filter, Instant now) {
        String targetKind = null;
        String targetName = null;
        String node = null;
        if (filter.target().isPresent()) {
            Target target = filter.target().get();
            if (target instanceof Target.Unicast) {
                node = ((Target.Unicast) target).node();
            } else if (target instanceof Target.Subcluster) {
                targetKind = TargetColumns.SUBCLUSTER;
                targetName = ((Target.Subcluster) target).name();
            } else if (target instanceof Target.Broadcast) {
                targetKind = TargetColumns.BROADCAST;
            } else {
                throw new AssertionError("unmapped target " + target);
            }
        }
        return new HistoryQuery(filter.actor().orElse(null),
                filter.since().map(bound -> bound.resolve(now)).orElse(null),
                filter.until().map(bound -> bound.resolve(now)).orElse(null),
                filter.origin().map(Enum::name).orElse(null),
                filter.text().orElse(null), filter.regex().orElse(null), targetKind, targetName, node,
                filter.status().map(Enum::name).orElse(null), now, filter.oldestFirst(), filter.limit(), filter.skipped());
    }
}
