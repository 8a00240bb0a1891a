package io.ecledger.api.asof;

import java.time.Instant;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

/**
 * A projection to answer a read from and the moment it is evaluated at: the manager's own projection now, or a
 * throwaway fold of the ledger as of a point. The read models (results, membership, configuration changes) take
 * one and never ask which it is.
 */
public record Snapshot(Jdbi projection, Instant now) {

    public Snapshot {
        Objects.requireNonNull(projection, "projection");
        Objects.requireNonNull(now, "now");
    }
}
