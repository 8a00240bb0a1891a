package io.ecledger.api.audit;

import io.ecledger.ledger.chain.ChainVerdict;
import io.ecledger.ledger.chain.Checkpoint;
import io.ecledger.ledger.kafka.Ledger;
import io.ecledger.ledger.sign.ManagerKeys;
import java.util.Optional;
import java.util.function.LongFunction;

/** Walks the ledger's hash chain on request: what {@code audit verify}, {@code GET /v1/audit/verify} and {@code ecledger verify} answer. */
public final class AuditService {

    private final Ledger ledger;
    private final CheckpointDao checkpoints;
    private final Optional<LongFunction<ManagerKeys>> keysAt;

    /** Checks the hash chain only. */
    public AuditService(Ledger ledger, CheckpointDao checkpoints) {
        this.ledger = ledger;
        this.checkpoints = checkpoints;
        this.keysAt = Optional.empty();
    }

    /** Checks the hash chain and each event's signature, with the manager keys {@code keysAt} gives for a start offset. */
    public AuditService(Ledger ledger, CheckpointDao checkpoints, LongFunction<ManagerKeys> keysAt) {
        this.ledger = ledger;
        this.checkpoints = checkpoints;
        this.keysAt = Optional.of(keysAt);
    }

    /** Verifies from the first event, or after the latest recorded checkpoint when asked and one exists. */
    public ChainVerdict verify(boolean fromCheckpoint) {
        Optional<Checkpoint> from = fromCheckpoint ? checkpoints.latest() : Optional.empty();
        long start = from.map(c -> c.offset() + 1).orElse(0L);
        return ledger.verify(from.orElse(null), keysAt.map(keys -> keys.apply(start)));
    }
}
