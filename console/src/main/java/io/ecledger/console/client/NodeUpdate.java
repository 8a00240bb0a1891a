package io.ecledger.console.client;

import java.util.Objects;
import java.util.Optional;

/** One node's state on a followed command, as the manager's event stream tells it. */
public record NodeUpdate(String node, String subcluster, String state, Optional<String> status, Optional<String> output) {

    public NodeUpdate {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(subcluster, "subcluster");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(output, "output");
    }

    /** True while the node has neither answered nor timed out. */
    public boolean pending() {
        return state.equals("PENDING");
    }
}
