package io.ecledger.api.retrieve;

import io.ecledger.api.projection.Projection;
import io.ecledger.ledger.command.Origin;
import io.ecledger.ledger.event.ResultsFlushed;
import io.ecledger.ledger.kafka.Ledger;
import java.time.Duration;

/** {@code flush control cache} and {@code DELETE /v1/results}: empties the results buffer by appending {@link ResultsFlushed}. */
public final class FlushService {

    // as for commands: long enough for a busy projection, short enough that a stuck one does not hang a console
    private static final Duration READ_YOUR_WRITES = Duration.ofSeconds(5);

    private final Ledger ledger;
    private final Projection projection;

    public FlushService(Ledger ledger, Projection projection) {
        this.ledger = ledger;
        this.projection = projection;
    }

    /** Appends the flush and waits until the projection applied it; returns its ledger offset. */
    public long flush(String actor, Origin origin) {
        long offset = ledger.append(actor, origin, ResultsFlushed.now());
        projection.awaitLedger(offset, READ_YOUR_WRITES);
        return offset;
    }
}
