package io.ecledger.api.membership;

import java.time.Instant;

/** A row of {@code cluster_member}. */
public record MemberRow(String node, String subcluster, String host, String version, Instant lastSeen, boolean hasLeft) {}
