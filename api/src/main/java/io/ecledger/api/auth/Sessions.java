package io.ecledger.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web console's sign-in sessions, in memory: a restart signs everyone out, which a cookie that outlived its
 * manager should. Each is found by the SHA-256 of its cookie (the cookie itself is kept nowhere), carries a CSRF token
 * of its own, ends after the idle time or the lifetime the limits give at each use, and when more are open than the
 * limits allow, the least recently used ends.
 */
public final class Sessions {

    private static final Logger LOG = LoggerFactory.getLogger(Sessions.class);

    private final Supplier<SessionLimits> limits;
    private final Clock clock;
    // access order: the first entry is the least recently used
    private final LinkedHashMap<String, Session> byCookieHash = new LinkedHashMap<>(16, 0.75f, true);

    /** An open session: who, with which CSRF token, since when, last used when. */
    public record Session(SignedIn signedIn, String csrf, Instant opened, Instant used) {

        /** Whether {@code presented} is this session's CSRF token, compared in constant time. */
        public boolean csrfIs(String presented) {
            return presented != null && MessageDigest.isEqual(csrf.getBytes(StandardCharsets.US_ASCII),
                    presented.getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** A session just opened: the cookie value its browser holds, and the session. */
    public record Opened(String cookie, Session session) {}

    /** Sessions under the limits {@code limits} gives at each use, so a {@code config set} applies at once. */
    public Sessions(Supplier<SessionLimits> limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /** A new session for {@code signedIn}; the least recently used ones end when there are more than the limit. */
    public synchronized Opened open(SignedIn signedIn) {
        String cookie = IssuedToken.randomSecret();
        Instant now = clock.instant();
        Session session = new Session(signedIn, IssuedToken.randomSecret(), now, now);
        byCookieHash.put(IssuedToken.sha256(cookie), session);
        int max = limits.get().max();
        for (Iterator<Map.Entry<String, Session>> oldest = byCookieHash.entrySet().iterator();
                byCookieHash.size() > max && oldest.hasNext(); ) {
            Session ended = oldest.next().getValue();
            oldest.remove();
            LOG.info("web session of {} ended: more than {} sessions open, it was the least recently used",
                    ended.signedIn().user().name(), max);
        }
        return new Opened(cookie, session);
    }

    /** The session {@code cookie} opened, marked used now; empty when there is none or it has expired. */
    public synchronized Optional<Session> use(String cookie) {
        String key = IssuedToken.sha256(cookie);
        Session session = byCookieHash.get(key);
        if (session == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        SessionLimits now_ = limits.get();
        if (now.isAfter(session.used().plus(now_.idle())) || now.isAfter(session.opened().plus(now_.lifetime()))) {
            byCookieHash.remove(key);
            LOG.info("web session of {} expired (opened {}, last used {})", session.signedIn().user().name(),
                    session.opened(), session.used());
            return Optional.empty();
        }
        Session used = new Session(session.signedIn(), session.csrf(), session.opened(), now);
        byCookieHash.put(key, used);
        return Optional.of(used);
    }

    /** Ends the session {@code cookie} opened, if it is open. */
    public synchronized boolean close(String cookie) {
        return byCookieHash.remove(IssuedToken.sha256(cookie)) != null;
    }

    /** How many sessions are open (expired ones count until they are next used or pushed out). */
    public synchronized int open() {
        return byCookieHash.size();
    }
}
