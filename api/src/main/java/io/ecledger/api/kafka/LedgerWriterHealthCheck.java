package io.ecledger.api.kafka;

import com.codahale.metrics.health.HealthCheck;
import io.ecledger.ledger.kafka.Ledger;
import io.ecledger.ledger.kafka.LedgerFencedException;
import java.util.Optional;

/** Healthy while this manager is the ledger's one writer; unhealthy for good once another manager has taken it over. */
public final class LedgerWriterHealthCheck extends HealthCheck {

    private final Ledger ledger;

    public LedgerWriterHealthCheck(Ledger ledger) {
        this.ledger = ledger;
    }

    @Override
    protected Result check() {
        Optional<LedgerFencedException> fenced = ledger.fenced();
        if (fenced.isPresent()) {
            return Result.unhealthy("%s: transactional id %s was taken by another manager, found at %s;"
                    + " this manager appends nothing more (send to the other one, or restart this one to take it back)",
                    fenced.get().getMessage(), fenced.get().transactionalId(), fenced.get().fencedAt());
        }
        return Result.healthy("the only writer of %s, transactional id %s", ledger.partition().topic(),
                ledger.transactionalId());
    }
}
