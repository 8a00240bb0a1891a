package io.ecledger.ledger.event;

import io.ecledger.ledger.command.Names;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** One node's answer to one command, sealed by the node's own key ({@link Seal#NONE} from agents before node keys). */
public record NodeResponse(
        UUID commandId,
        long ledgerOffset,
        String node,
        String subcluster,
        NodeStatus status,
        String output,
        Instant startedAt,
        Instant finishedAt,
        Seal seal) {

    public NodeResponse {
        Objects.requireNonNull(seal, "seal");
        Objects.requireNonNull(commandId, "commandId");
        Names.require("node", node);
        Names.require("subcluster", subcluster);
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

    /** An unsigned response, as agents wrote them before node keys (and tests that do not sign). */
    public NodeResponse(UUID commandId, long ledgerOffset, String node, String subcluster, NodeStatus status,
            String output, Instant startedAt, Instant finishedAt) {
        this(commandId, ledgerOffset, node, subcluster, status, output, startedAt, finishedAt, Seal.NONE);
    }

    /** This response with {@code newSeal}. */
    public NodeResponse withSeal(Seal newSeal) {
        return new NodeResponse(commandId, ledgerOffset, node, subcluster, status, output, startedAt, finishedAt, newSeal);
    }
}
