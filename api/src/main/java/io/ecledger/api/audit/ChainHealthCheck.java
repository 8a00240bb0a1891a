package io.ecledger.api.audit;

import com.codahale.metrics.health.HealthCheck;
import io.ecledger.ledger.chain.ChainVerdict;
import java.util.stream.Collectors;

/** Red from the moment the continuous verification finds a record that breaks the ledger's hash chain, for as long as one is known. */
public final class ChainHealthCheck extends HealthCheck {

    private static final int SHOWN = 10;

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
            return Result.unhealthy("ledger chain broken at offset %d: %s; %d broken record(s) at offsets %s; %d event(s) verified%s",
                    broken.offset(), broken.reason(), broken.breakCount(), firstOffsets(broken),
                    broken.verifiedInAll(), broken.lastVerified().map(last -> " up to offset " + last.offset()).orElse(""));
        }
        return Result.healthy(verdict.head().map(head -> "intact up to offset " + head.offset()).orElse("no events yet"));
    }

    /** The first few broken offsets, with "…" when there are more: the health line stays one line. */
    private static String firstOffsets(ChainVerdict.Broken broken) {
        String listed = broken.breaks().stream().limit(SHOWN).map(each -> Long.toString(each.offset()))
                .collect(Collectors.joining(", "));
        return broken.breakCount() > Math.min(SHOWN, broken.breaks().size()) ? listed + ", …" : listed;
    }
}
