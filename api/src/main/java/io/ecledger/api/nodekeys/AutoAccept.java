package io.ecledger.api.nodekeys;

import io.dropwizard.lifecycle.Managed;
import io.ecledger.api.projection.NodeKeyRow;
import io.ecledger.api.projection.Projection;
import io.ecledger.ledger.command.Origin;
import io.ecledger.ledger.event.NodeKeyDecided;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code nodes.autoAcceptKeys}: the manager accepts a new node's first key itself, as {@value #ACTOR}, with a
 * {@link NodeKeyDecided} on the ledger like any operator's. Only a node with no accepted key yet: a second key
 * for a known node still waits for an operator, since it may be someone else's.
 */
public final class AutoAccept implements Managed {

    /** The actor of the decisions it appends. */
    public static final String ACTOR = "auto-accept";

    private static final Logger LOG = LoggerFactory.getLogger(AutoAccept.class);
    private static final Duration EVERY = Duration.ofMillis(200);

    private final NodeKeyService keys;
    private final Projection projection;
    private ScheduledExecutorService timer;

    public AutoAccept(NodeKeyService keys, Projection projection) {
        this.keys = keys;
        this.projection = projection;
    }

    @Override
    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "ecledger-auto-accept"));
        timer.scheduleWithFixedDelay(this::acceptNewNodes, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** One pass: accepts the single pending key of each node that has none accepted. */
    void acceptNewNodes() {
        try {
            // a projection behind the ledger may not have seen a decision already made (a rebuild): wait for it
            if (projection.ledgerLag() != 0) {
                return;
            }
            List<NodeKeyRow> pending = keys.pending();
            List<NodeKeyRow> chosen = pending.stream()
                    .filter(k -> pending.stream().filter(o -> o.node().equals(k.node())).count() == 1)
                    .filter(k -> !keys.hasAcceptedKey(k.node()))
                    .toList();
            if (!chosen.isEmpty()) {
                keys.decide(ACTOR, Origin.SYSTEM, chosen, NodeKeyDecided.Decision.ACCEPTED);
            }
        } catch (RuntimeException e) {
            // the next pass tries again; a ledger that is down is reported by its own health check
            LOG.warn("auto-accept of node keys failed: {}", e.toString());
        }
    }
}
