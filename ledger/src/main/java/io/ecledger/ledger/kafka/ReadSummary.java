package io.ecledger.ledger.kafka;

import java.util.List;

/** What one read of the ledger delivered, what it skipped, and where the next read should start. */
public record ReadSummary(long delivered, List<SkippedRecord> skipped, long nextOffset) {

    public ReadSummary {
        skipped = List.copyOf(skipped);
    }
}
