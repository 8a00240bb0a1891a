package io.ecledger.api.audit;

import com.codahale.metrics.health.HealthCheck;
import io.ecledger.ledger.chain.ChainVerdict;

/** Red from the moment the continuous verification finds a record that breaks the ledger's hash chain. */
public final class ChainHealthCheck extends HealthCheck {

    private final ChainMonitor monitor;

    public ChainHealthCheck(ChainMonitor monitor) {
        this.monitor = monitor;
    }

    @Override
    protected Result check() {
        ChainVerdict verdict = monitor.verdict();
        if (verdict == null) {
            return Result.unhealthy("not started");
        }
        if (verdict instanceof ChainVerdict.Broken) {
            ChainVerdict.Broken broken = (ChainVerdict.Broken) verdict;
            return Result.unhealthy("ledger chain broken at offset %d: %s", broken.offset(), broken.reason());
        }
        return Result.healthy(verdict.head().map(head -> "intact up to offset " + head.offset()).orElse("no events yet"));
    }
}
