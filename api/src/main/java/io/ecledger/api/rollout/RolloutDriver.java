package io.ecledger.api.rollout;

import io.dropwizard.lifecycle.Managed;
import io.ecledger.api.command.CommandCanceller;
import io.ecledger.api.command.CommandIssuer;
import io.ecledger.api.projection.OwnWrites;
import io.ecledger.api.projection.Projection;
import io.ecledger.api.retrieve.CommandResults;
import io.ecledger.api.retrieve.NodeResult;
import io.ecledger.api.retrieve.Results;
import io.ecledger.ledger.command.Origin;
import io.ecledger.ledger.event.BatchReleased;
import io.ecledger.ledger.kafka.Ledger;
import io.ecledger.ledger.kafka.LedgerEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives the rollouts the views hold: releases each next batch as a {@link BatchReleased} event once every node of
 * the batch before is done and the rollout's wait has passed since the manager saw it so, and cancels the rest as a
 * {@code CommandCancelled} once more nodes failed than its error budget allows. Everything it decides is on the
 * ledger; after a restart it goes on from the views (a wait under way starts again).
 */
public final class RolloutDriver implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(RolloutDriver.class);
    /** The actor of the batches the manager releases. */
    public static final String ACTOR = "rollout";
    private static final Duration TICK = Duration.ofMillis(250);
    private static final Duration CATCH_UP = Duration.ofSeconds(2);

    private final Jdbi jdbi;
    private final Results results;
    private final Ledger ledger;
    private final Projection projection;
    private final OwnWrites ownWrites;
    private final CommandIssuer issuer;
    private final CommandCanceller canceller;
    private final Clock clock;
    // command -> the batch seen settled and since when; guarded by the one thread that ticks
    private final Map<UUID, Settled> settled = new HashMap<>();
    private ScheduledExecutorService ticker;
    // no rollout below this ledger offset is open; only the ticking thread moves it
    private long floor;
    // the last failure said, so a broker away for minutes is one line, not four a second
    private String lastFailure;

    private record Settled(int batch, Instant since) {}

    public RolloutDriver(Jdbi jdbi, Results results, Ledger ledger, Projection projection, CommandIssuer issuer,
            CommandCanceller canceller, Clock clock) {
        this.jdbi = jdbi;
        this.results = results;
        this.ledger = ledger;
        this.projection = projection;
        this.ownWrites = projection.ownWrites();
        this.issuer = issuer;
        this.canceller = canceller;
        this.clock = clock;
    }

    @Override
    public void start() {
        ticker = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "rollout-driver");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleWithFixedDelay(this::tickQuietly, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
    }

    private void tickQuietly() {
        try {
            tick();
            lastFailure = null;
        } catch (RuntimeException e) {
            // the ledger or H2 away for a moment: the next tick tries again, nothing was half done; said once
            if (!e.toString().equals(lastFailure)) {
                LOG.warn("rollout driver tick failed, trying again every {} ms: {}", TICK.toMillis(), e.toString());
                lastFailure = e.toString();
            }
        }
    }

    /** One look at every open rollout: a release or a cancel for each that is due one. */
    void tick() {
        if (ledger.fenced().isPresent()) {
            // another manager took over the ledger: it drives the rollouts now
            return;
        }
        // what this manager appended last tick must be in the views before they are read again
        ownWrites.await();
        long seen = jdbi.withExtension(RolloutDao.class, RolloutDao::lastCommandOffset);
        if (jdbi.withExtension(RolloutDao.class, dao -> dao.open(floor)).isEmpty()) {
            // nothing to drive: no broker round trip; commands projected later have higher offsets
            floor = Math.max(floor, seen + 1);
            return;
        }
        // a release or cancel further on in the ledger than the views (after a restart, during a rebuild) must be
        // seen before deciding one: else a batch would go out twice
        if (!projection.awaitLedgerCaughtUp(CATCH_UP)) {
            return;
        }
        long last = jdbi.withExtension(RolloutDao.class, RolloutDao::lastCommandOffset);
        // read again: what catching up brought (a cancel, a release) may have closed some
        List<OpenRollout> open = jdbi.withExtension(RolloutDao.class, dao -> dao.open(floor));
        Set<UUID> still = new HashSet<>();
        for (OpenRollout rollout : open) {
            still.add(rollout.commandId());
            Optional<CommandResults> command = results.command(rollout.commandId(), clock.instant());
            command.ifPresent(c -> drive(rollout, c));
        }
        settled.keySet().retainAll(still);
        // a command projected after the last offset was read has a higher one: it is found next time
        floor = open.stream().mapToLong(OpenRollout::ledgerOffset).min().orElse(last + 1);
    }

    private void drive(OpenRollout rollout, CommandResults command) {
        List<NodeResult> nodes = command.nodes();
        long failed = nodes.stream().filter(NodeResult::failed).count();
        if (rollout.maxErrors().isPresent() && failed > rollout.maxErrors().get()) {
            canceller.cancelNow(rollout.commandId(), "error budget spent: " + failed + " of " + nodes.size()
                    + " nodes failed, at most " + rollout.maxErrors().get() + " allowed", rollout.commandText());
            return;
        }
        int last = rollout.released() - 1;
        boolean lastDone = nodes.stream().filter(node -> node.batch() == last).allMatch(node -> node.state().done());
        Instant now = clock.instant();
        if (!lastDone) {
            settled.remove(rollout.commandId());
            return;
        }
        Settled since = settled.merge(rollout.commandId(), new Settled(last, now),
                (before, fresh) -> before.batch() == last ? before : fresh);
        if (now.isBefore(since.since().plusMillis(rollout.batchWaitMs()))) {
            return;
        }
        release(rollout, last + 1);
    }

    private void release(OpenRollout rollout, int batch) {
        List<String> nodes = jdbi.withExtension(RolloutDao.class, dao -> dao.nodesOf(rollout.commandId(), batch));
        CommandIssuer.Deadlines deadlines = issuer.deadlinesFromNow();
        LedgerEntry entry = ledger.appendEntry(ACTOR, Origin.SYSTEM, new BatchReleased(rollout.commandId(),
                rollout.ledgerOffset(), batch, nodes, rollout.commandText(), deadlines.deliverBy(),
                deadlines.deadline()));
        projection.appended(entry.offset());
        settled.remove(rollout.commandId());
        LOG.info("rollout batch released commandId={} batch={} of {} nodes={} offset={}", rollout.commandId(), batch,
                rollout.batches(), nodes.size(), entry.offset());
    }
}
