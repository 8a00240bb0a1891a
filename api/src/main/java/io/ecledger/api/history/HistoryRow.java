package io.ecledger.api.history;

import io.ecledger.api.projection.TargetColumns;
import io.ecledger.ledger.command.Target;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A row of {@code issued_command} as history reads it: with its origin, and whether a flush came after it. */
public record HistoryRow(UUID commandId, long ledgerOffset, Instant issuedAt, String actor, String origin, String targetKind,
        Optional<String> targetName, String commandText, Instant deadline, Optional<Long> replayOf, boolean flushed) {

    public Target target() {
        return new TargetColumns(targetKind, targetName).target();
    }
}
