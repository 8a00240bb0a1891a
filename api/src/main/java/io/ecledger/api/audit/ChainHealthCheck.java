package io.ecledger.api.audit;

import com.codahale.metrics.health.HealthCheck;
import io.ecledger.ledger.chain.ChainVerdict;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Red from the moment the continuous verification finds a record that breaks the ledger's hash chain, for as long as
 * one is known; either way it says how many ledger records node agents refused to run, and the latest reason.
 */
public final class ChainHealthCheck extends HealthCheck {

    private static final int SHOWN = 10;

    private final ChainMonitor monitor;
    private final Supplier<Optional<String>> refusals;

    /** A check over {@code monitor}'s verdict alone. */
    public ChainHealthCheck(ChainMonitor monitor) {
        this(monitor, Optional::empty);
    }

    /** A check over {@code monitor}'s verdict that also tells the nodes' refusals {@code refusals} describes. */
    public ChainHealthCheck(ChainMonitor monitor, Supplier<Optional<String>> refusals) {
        this.monitor = monitor;
        this.refusals = refusals;
    }

    /** The nodes' refusals in {@code dao}, in one clause: none when no node refused anything. */
    public static Supplier<Optional<String>> refusalsIn(NodeRefusalDao dao) {
        return () -> {
            long count = dao.count();
            return dao.latest().map(latest -> "; nodes refused to run " + count + " time(s), latest the record at offset "
                    + latest.ledgerOffset() + " on " + latest.node() + ": " + firstLine(latest.output()));
        };
    }

    private static String firstLine(String output) {
        int end = output.indexOf('\n');
        return end < 0 ? output : output.substring(0, end);
    }

    @Override
    protected Result check() {
        ChainVerdict verdict = monitor.verdict();
        if (verdict == null) {
            return Result.unhealthy("not started");
        }
        if (verdict instanceof ChainVerdict.Broken) {
            ChainVerdict.Broken broken = (ChainVerdict.Broken) verdict;
            return Result.unhealthy("ledger chain broken at offset %d: %s; %d broken record(s) at offsets %s; %d event(s) verified%s%s",
                    broken.offset(), broken.reason(), broken.breakCount(), firstOffsets(broken),
                    broken.verifiedInAll(), broken.lastVerified().map(last -> " up to offset " + last.offset()).orElse(""),
                    refused());
        }
        return Result.healthy(verdict.head().map(head -> "intact up to offset " + head.offset()).orElse("no events yet")
                + refused());
    }

    private String refused() {
        return refusals.get().orElse("");
    }

    /** The first few broken offsets, with "…" when there are more: the health line stays one line. */
    private static String firstOffsets(ChainVerdict.Broken broken) {
        String listed = broken.breaks().stream().limit(SHOWN).map(each -> Long.toString(each.offset()))
                .collect(Collectors.joining(", "));
        return broken.breakCount() > Math.min(SHOWN, broken.breaks().size()) ? listed + ", …" : listed;
    }
}
