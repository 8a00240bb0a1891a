package io.ecledger.api.projection;

import java.time.Instant;

/** A row of {@code node_key}: one key one node announced or an operator decided on; decision columns null while pending. */
public record NodeKeyRow(String node, String fingerprint, String publicKey, KeyState state, Instant firstSeen,
                         String decidedBy, Instant decidedAt, Long decisionOffset) {}
