package io.ecledger.api.nodekeys;

import io.ecledger.api.projection.NodeKeyRow;
import java.time.Instant;
import java.util.Optional;

/** One node key as {@code node keys} and {@code GET /v1/nodes/keys} show it. */
public record NodeKeyView(String node, String fingerprint, String state, Optional<String> decidedBy,
                          Optional<Instant> decidedAt, Optional<Long> decisionOffset) {

    static NodeKeyView of(NodeKeyRow row) {
        return new NodeKeyView(row.node(), row.fingerprint(), row.state().name().toLowerCase(java.util.Locale.ROOT),
                Optional.ofNullable(row.decidedBy()), Optional.ofNullable(row.decidedAt()),
                Optional.ofNullable(row.decisionOffset()));
    }
}
