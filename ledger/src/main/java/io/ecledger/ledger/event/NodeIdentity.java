package io.ecledger.ledger.event;

import io.ecledger.ledger.command.Names;
import java.util.Objects;

/** Who a node agent is: its node name, subcluster, host and agent version. */
public record NodeIdentity(String node, String subcluster, String host, String version) {

    public NodeIdentity {
        Names.require("node", node);
        Names.require("subcluster", subcluster);
        // the name rule, so an announcement that breaks it does not decode and the projection quarantines it
        Names.requireWord("host", Objects.requireNonNull(host, "host"));
        Names.requireWord("version", Objects.requireNonNull(version, "version"));
    }
}
