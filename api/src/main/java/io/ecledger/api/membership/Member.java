package io.ecledger.api.membership;

import java.time.Instant;

/** A node agent as the manager last heard of it. */
public record Member(String node, String subcluster, String host, String version, Instant lastSeen, boolean alive,
                     boolean left) {}
