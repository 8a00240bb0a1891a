package io.ecledger.api.config;

import io.ecledger.api.projection.ScopePathColumn;
import io.ecledger.ledger.config.ConfigHistoryEntry;
import io.ecledger.ledger.event.ConfigChanged;
import java.time.Instant;
import java.util.Optional;

/** One row of {@code config_change}. */
public record ConfigChangeRow(long ledgerOffset, Instant occurredAt, String actor, String origin, String action,
                              String scopePath, String optionName, String optionValue) {

    /** The row as the ledger event and its place on the ledger. */
    public ConfigHistoryEntry entry() {
        ConfigChanged change = new ConfigChanged(ConfigChanged.Action.valueOf(action), ScopePathColumn.decode(scopePath),
                optionName, Optional.ofNullable(optionValue));
        return new ConfigHistoryEntry(ledgerOffset, occurredAt, actor, origin, change);
    }
}
