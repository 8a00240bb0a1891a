package io.ecledger.api.asof;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/** The {@code asOf:} block: how often the as-of snapshots are taken, how many are kept, how late a record may be. */
public class AsOfFactory {

    /** A snapshot every this many ledger offsets; an as-of question folds at most about this many ledger events. */
    @Min(10)
    private long snapshotEvery = 10_000;
    /** Snapshots kept in {@code <dataDirectory>/asof}; over this, the one whose loss leaves the smallest gap goes. */
    @Min(2)
    @Max(1_000)
    private int keep = 16;
    /**
     * How far a record's Kafka timestamp may lag the records before it on its partition and still be folded; also how
     * old a snapshot's time must be before it is taken, so the records stamped before it have arrived.
     */
    @NotNull
    @MinDuration(value = 0, unit = TimeUnit.MILLISECONDS)
    private Duration lateness = Duration.minutes(1);
    /** How often the builder looks whether the ledger has grown by {@link #snapshotEvery}. */
    @NotNull
    @MinDuration(value = 100, unit = TimeUnit.MILLISECONDS)
    private Duration buildEvery = Duration.seconds(30);

    @JsonProperty
    public long getSnapshotEvery() {
        return snapshotEvery;
    }

    @JsonProperty
    public void setSnapshotEvery(long snapshotEvery) {
        this.snapshotEvery = snapshotEvery;
    }

    @JsonProperty
    public int getKeep() {
        return keep;
    }

    @JsonProperty
    public void setKeep(int keep) {
        this.keep = keep;
    }

    @JsonProperty
    public Duration getLateness() {
        return lateness;
    }

    @JsonProperty
    public void setLateness(Duration lateness) {
        this.lateness = lateness;
    }

    @JsonProperty
    public Duration getBuildEvery() {
        return buildEvery;
    }

    @JsonProperty
    public void setBuildEvery(Duration buildEvery) {
        this.buildEvery = buildEvery;
    }

    /** The typed settings these name. */
    public SnapshotSettings settings() {
        return new SnapshotSettings(snapshotEvery, keep, java.time.Duration.ofMillis(lateness.toMilliseconds()),
                java.time.Duration.ofMillis(buildEvery.toMilliseconds()));
    }
}
