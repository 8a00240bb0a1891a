package io.ecledger.ledger.event;

import io.ecledger.ledger.command.Names;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One node's answer to one command, a word of how far it got, or a part of an answer's output too long to carry
 * inline ({@code part} from 1, status {@link NodeStatus#OUTPUT}; the answer says how many {@code parts} follow it);
 * sealed by the node's own key ({@link Seal#NONE} from agents before node keys).
 */
public record NodeResponse(
        UUID commandId,
        long ledgerOffset,
        String node,
        String subcluster,
        NodeStatus status,
        String output,
        Instant startedAt,
        Instant finishedAt,
        int part,
        int parts,
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
        if (part < 0 || parts < 0) {
            throw new IllegalArgumentException("output parts count from 0: part " + part + " of " + parts);
        }
        if ((status == NodeStatus.OUTPUT) != (part > 0)) {
            throw new IllegalArgumentException("only a part of output (status OUTPUT) has a part number, not " + status
                    + " with part " + part);
        }
    }

    /** A response with all its output inline, sealed by {@code seal}. */
    public NodeResponse(UUID commandId, long ledgerOffset, String node, String subcluster, NodeStatus status,
            String output, Instant startedAt, Instant finishedAt, Seal seal) {
        this(commandId, ledgerOffset, node, subcluster, status, output, startedAt, finishedAt, 0, 0, seal);
    }

    /** An unsigned response, as agents wrote them before node keys (and tests that do not sign). */
    public NodeResponse(UUID commandId, long ledgerOffset, String node, String subcluster, NodeStatus status,
            String output, Instant startedAt, Instant finishedAt) {
        this(commandId, ledgerOffset, node, subcluster, status, output, startedAt, finishedAt, 0, 0, Seal.NONE);
    }

    /** This response with {@code newSeal}. */
    public NodeResponse withSeal(Seal newSeal) {
        return new NodeResponse(commandId, ledgerOffset, node, subcluster, status, output, startedAt, finishedAt, part,
                parts, newSeal);
    }
}
