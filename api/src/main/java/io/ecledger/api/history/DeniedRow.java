package io.ecledger.api.history;

import java.time.Instant;

/** A row of {@code denied_command}: a {@code CommandDenied} on the ledger, a line the policy refused and never ran. */
public record DeniedRow(long ledgerOffset, Instant deniedAt, String actor, String origin, String line, String rule,
        String reason) {}
