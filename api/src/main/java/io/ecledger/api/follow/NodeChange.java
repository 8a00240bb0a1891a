package io.ecledger.api.follow;

import io.ecledger.api.retrieve.NodeResult;
import io.ecledger.ledger.event.NodeStatus;
import java.time.Instant;
import java.util.Optional;

/** One node's state on a followed command, as a {@code node} event of the stream carries it. */
public record NodeChange(String node, String subcluster, NodeResult.State state, Optional<NodeStatus> status,
                         Optional<String> output, Optional<Instant> finishedAt) {

    /** The state {@code result} shows. */
    static NodeChange of(NodeResult result) {
        return new NodeChange(result.node(), result.subcluster(), result.state(), result.status(), result.output(),
                result.finishedAt());
    }
}
