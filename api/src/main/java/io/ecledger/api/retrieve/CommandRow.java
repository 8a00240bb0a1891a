package io.ecledger.api.retrieve;

import io.ecledger.api.projection.TargetColumns;
import io.ecledger.ledger.command.Target;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A row of {@code issued_command}. */
public record CommandRow(UUID commandId, long ledgerOffset, Instant issuedAt, String actor, String targetKind,
                         Optional<String> targetName, String commandText, Instant deadline, long flushEpoch,
                         Optional<String> rollout, Optional<Integer> batchSize, Optional<Long> batchWaitMs,
                         Optional<Integer> maxErrors, Optional<UUID> rerunOf) {

    /** The command's target. */
    public Target target() {
        return new TargetColumns(targetKind, targetName).target();
    }
}
