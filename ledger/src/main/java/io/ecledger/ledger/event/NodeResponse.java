package io.ecledger.ledger.event;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** One node's answer to one command. */
public record NodeResponse(
        UUID commandId,
        long ledgerOffset,
        String node,
        String subcluster,
        NodeStatus status,
        String output,
        Instant startedAt,
        Instant finishedAt) {

    public NodeResponse {
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(subcluster, "subcluster");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        startedAt = Millis.of(startedAt);
        finishedAt = Millis.of(finishedAt);
        if (ledgerOffset < 0) {
            throw new IllegalArgumentException("ledger offset must not be negative: " + ledgerOffset);
        }
        if (finishedAt.isBefore(startedAt)) {
            throw new IllegalArgumentException("a response cannot finish (" + finishedAt + ") before it started (" + startedAt + ")");
        }
    }
}
