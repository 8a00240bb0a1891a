package io.ecledger.api.projection;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/** What a rebuild of the projection applied from offset 0, and how long it took. */
public record Rebuilt(long ledgerEvents, long responses, long membershipRecords, Duration took) {

    public Rebuilt {
        Objects.requireNonNull(took, "took");
        if (ledgerEvents < 0 || responses < 0 || membershipRecords < 0) {
            throw new IllegalArgumentException("record counts must not be negative");
        }
    }

    /** Ledger events applied per second of the rebuild. */
    public double ledgerEventsPerSecond() {
        double seconds = took.toNanos() / 1e9;
        return seconds <= 0 ? 0 : ledgerEvents / seconds;
    }

    /** One line for an operator: the counts, the time and the rate. */
    public String text() {
        return String.format(Locale.ROOT, "rebuilt the projection from offset 0: %d ledger events, %d responses, "
                        + "%d membership records in %.2f s (%.0f ledger events/s)",
                ledgerEvents, responses, membershipRecords, took.toNanos() / 1e9, ledgerEventsPerSecond());
    }
}
