package io.ecledger.api.audit;

import io.ecledger.ledger.chain.ChainVerdict;
import io.ecledger.ledger.chain.Checkpoint;
import io.ecledger.ledger.kafka.Ledger;
import java.util.Optional;

/** Walks the ledger's hash chain on request: what {@code audit verify}, {@code GET /v1/audit/verify} and {@code ecledger verify} answer. */
public final class AuditService {

    private final Ledger ledger;
    private final CheckpointDao checkpoints;

    public AuditService(Ledger ledger, CheckpointDao checkpoints) {
        this.ledger = ledger;
        this.checkpoints = checkpoints;
    }

    /** Verifies from the first event, or after the latest recorded checkpoint when asked and one exists. */
    public ChainVerdict verify(boolean fromCheckpoint) {
        Optional<Checkpoint> from = fromCheckpoint ? checkpoints.latest() : Optional.empty();
        return ledger.verify(from.orElse(null));
    }
}
