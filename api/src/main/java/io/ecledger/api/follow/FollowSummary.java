package io.ecledger.api.follow;

import io.ecledger.api.retrieve.CommandResults;
import io.ecledger.api.retrieve.NodeResult;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The last event of a followed command's stream: how many nodes were expected, and how many ended in each state, each
 * status, and each phase (status of an answer, else state).
 */
public record FollowSummary(UUID commandId, int expected, Map<String, Integer> states, Map<String, Integer> statuses,
                            Map<String, Integer> counts) {

    public FollowSummary {
        states = Map.copyOf(states);
        statuses = Map.copyOf(statuses);
        counts = Map.copyOf(counts);
    }

    /** The counts of {@code results}, every node done. */
    static FollowSummary of(CommandResults results) {
        Map<String, Integer> states = new TreeMap<>();
        Map<String, Integer> statuses = new TreeMap<>();
        for (NodeResult node : results.nodes()) {
            states.merge(node.state().name(), 1, Integer::sum);
            node.status().ifPresent(status -> statuses.merge(status.name(), 1, Integer::sum));
        }
        return new FollowSummary(results.commandId(), results.nodes().size(), states, statuses,
                results.counts().byPhase());
    }
}
