package io.ecledger.api.policy;

import io.ecledger.api.history.HistoryDao;
import io.ecledger.api.history.PolicyRow;
import io.ecledger.api.projection.Projection;
import io.ecledger.ledger.command.Origin;
import io.ecledger.ledger.event.PolicyLoaded;
import io.ecledger.ledger.kafka.Ledger;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the command policy on the ledger as a {@link PolicyLoaded} whenever the one in force changes: at start-up and
 * on each reload, compared by hash with the last policy load the projection holds. The same policy loaded again
 * appends nothing, so a restart does not repeat it; who could do what at any offset stays answerable
 * ({@link HistoryDao#policyAt(long)}). Takes the policy as its text and hash, whatever parsed it.
 */
public final class PolicyLoadRecorder {

    /** How long to wait for the projection to hold every ledger event before comparing. */
    public static final Duration CATCH_UP = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(PolicyLoadRecorder.class);

    private final Ledger ledger;
    private final Projection projection;
    private final Jdbi jdbi;
    private final Duration catchUp;

    public PolicyLoadRecorder(Ledger ledger, Projection projection, Jdbi jdbi) {
        this(ledger, projection, jdbi, CATCH_UP);
    }

    public PolicyLoadRecorder(Ledger ledger, Projection projection, Jdbi jdbi, Duration catchUp) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.projection = Objects.requireNonNull(projection, "projection");
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.catchUp = Objects.requireNonNull(catchUp, "catchUp");
    }

    /** As {@link #recordIfChanged(String, String, String, String, Origin)} from the manager itself (origin system). */
    public OptionalLong recordIfChanged(String text, String sha256, String source, String actor) {
        return recordIfChanged(text, sha256, source, actor, Origin.SYSTEM);
    }

    /**
     * Appends a {@link PolicyLoaded} of {@code text} (hex SHA-256 {@code sha256}, read from {@code source}, a path or
     * {@value PolicyLoaded#DEFAULT_SOURCE}) on behalf of {@code actor} unless the last one on the ledger has the same
     * hash; the offset appended at, or empty when nothing changed.
     */
    public synchronized OptionalLong recordIfChanged(String text, String sha256, String source, String actor,
            Origin origin) {
        PolicyLoaded loaded = new PolicyLoaded(sha256, text, source);
        if (!projection.awaitCaughtUp(catchUp)) {
            // when in doubt record it: a repeated policy load is harmless, a missing one is a gap in the audit
            LOG.warn("the projection did not catch up within {}; recording the policy sha256={} without comparing",
                    catchUp, sha256);
        } else {
            Optional<PolicyRow> last = jdbi.withExtension(HistoryDao.class, HistoryDao::lastPolicy);
            if (last.isPresent() && last.get().sha256().equals(sha256)) {
                LOG.debug("policy sha256={} from {} is already in force since offset {}", sha256, source,
                        last.get().ledgerOffset());
                return OptionalLong.empty();
            }
        }
        long offset = ledger.append(actor, origin, loaded);
        // read-your-writes: the next call (a reload racing a restart) compares against this load, not the one before
        projection.awaitLedger(offset, catchUp);
        LOG.info("policy loaded from {} sha256={} actor={} offset={}", source, sha256, actor, offset);
        return OptionalLong.of(offset);
    }
}
