package io.ecledger.api.asof;

import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Takes the as-of snapshots in the background, every {@code every}: off the question path, one at a time. */
public final class SnapshotBuilder implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotBuilder.class);

    private final AsOfViews views;
    private final Duration every;
    private ScheduledExecutorService executor;

    public SnapshotBuilder(AsOfViews views, Duration every) {
        this.views = views;
        this.every = every;
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "asof-snapshots");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::build, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void build() {
        try {
            views.buildSnapshots();
        } catch (RuntimeException e) {
            // the next round tries again; questions fold from an older snapshot meanwhile
            LOG.warn("as-of snapshots not taken this round: {}", e.toString());
        }
    }

    @Override
    public void stop() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(30, TimeUnit.SECONDS);
    }
}
