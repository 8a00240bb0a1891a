package io.ecledger.api.webui;

import io.ecledger.api.auth.SessionLimits;
import io.ecledger.ledger.config.ConfigModel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * webui-common.conf's {@code Web_UI} settings as the ledger has them now, folded again at most once a second: a
 * {@code config set Web_UI Session_Timeout} applies within a second, and the page's requests do not each fold the
 * whole configuration. When a fold fails (the views unavailable) the last good settings stay.
 */
public final class LiveSettings implements Supplier<WebUiSettings> {

    private static final Logger LOG = LoggerFactory.getLogger(LiveSettings.class);
    private static final Duration READ_EVERY = Duration.ofSeconds(1);

    private final Supplier<ConfigModel> folded;
    private final Clock clock;
    private WebUiSettings current;
    private Instant read = Instant.MIN;

    public LiveSettings(Supplier<ConfigModel> folded, Clock clock) {
        this.folded = folded;
        this.clock = clock;
    }

    @Override
    public synchronized WebUiSettings get() {
        Instant now = clock.instant();
        if (current != null && Duration.between(read, now).compareTo(READ_EVERY) < 0) {
            return current;
        }
        try {
            current = WebUiSettings.from(folded.get());
        } catch (RuntimeException e) {
            if (current == null) {
                throw e;
            }
            LOG.warn("could not read Web_UI's settings again, keeping the last ones: {}", e.getMessage());
        }
        read = now;
        return current;
    }

    /** The session limits the settings give now. */
    public SessionLimits sessionLimits() {
        WebUiSettings now = get();
        return new SessionLimits(now.sessionTimeout(), now.sessionLifetime(), now.maxSessions());
    }
}
