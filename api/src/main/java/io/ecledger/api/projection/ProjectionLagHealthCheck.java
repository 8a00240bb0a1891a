package io.ecledger.api.projection;

import com.codahale.metrics.health.HealthCheck;

/**
 * Healthy while the projection runs, can write to H2 and is within {@code maxLag} ledger events of the ledger's end.
 */
public final class ProjectionLagHealthCheck extends HealthCheck {

    private final Projection projection;
    private final long maxLag;

    public ProjectionLagHealthCheck(Projection projection, long maxLag) {
        this.projection = projection;
        this.maxLag = maxLag;
    }

    @Override
    protected Result check() {
        if (projection.failure().isPresent()) {
            return Result.unhealthy("the projection stopped: %s", projection.failure().get().toString());
        }
        if (projection.stalled().isPresent()) {
            return Result.unhealthy("the projection cannot write to H2, the views are stale until it can: %s",
                    projection.stalled().get());
        }
        long lag = projection.ledgerLag();
        if (lag < 0) {
            return Result.unhealthy("ledger end offset unknown (Kafka unreachable?)");
        }
        return lag <= maxLag
                ? Result.healthy("%d event(s) behind the ledger", lag)
                : Result.unhealthy("%d events behind the ledger (more than %d)", lag, maxLag);
    }
}
