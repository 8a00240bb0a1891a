package io.ecledger.console.client;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** One node's state on a followed command, as the manager's event stream tells it. */
public record NodeUpdate(String node, String subcluster, String state, Optional<String> status, Optional<String> output) {

    public NodeUpdate {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(subcluster, "subcluster");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(output, "output");
    }

    /** The states in which more is still expected of a node; every other state is an end. */
    public static final Set<String> IN_FLIGHT = Set.of("PENDING", "WAITING", "DELIVERED", "RUNNING");

    /** True while more is expected of the node: it has not answered, and no deadline or cancel ended it. */
    public boolean pending() {
        return IN_FLIGHT.contains(state);
    }

    /** How the node ended, as an operator reads it: its status when it answered, else its state in words. */
    public String outcome() {
        return status.orElse(state.toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
    }
}
