package io.ecledger.api.auth;

import io.dropwizard.auth.AuthFilter;
import io.dropwizard.auth.UnauthorizedHandler;
import io.ecledger.api.http.HttpRefusal;
import io.ecledger.api.http.StateChangeGuard;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import java.util.Optional;

/**
 * The web console's door: the session cookie a sign-in set, the user it names as the users file has them now, and
 * on every state-changing request the session's CSRF token in {@link SessionCookie#CSRF_HEADER}. A cookie travels
 * with every request the browser makes to the manager, whoever's page made it; the token is only in the manager's
 * own page.
 */
final class SessionCookieFilter extends AuthFilter<Sessions.Session, User> {

    /** The authentication scheme a session-authenticated request has. */
    static final String SCHEME = "SESSION";

    private final Sessions sessions;

    SessionCookieFilter(Sessions sessions, Users users, UnauthorizedHandler challenge) {
        this.sessions = sessions;
        this.prefix = SCHEME;
        this.realm = RestAuth.REALM;
        this.unauthorizedHandler = challenge;
        this.authenticator = session -> users.stillSignedIn(session.signedIn());
        this.authorizer = (user, role, context) -> user.roles().contains(role);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Cookie cookie = request.getCookies().get(SessionCookie.NAME);
        if (cookie == null || cookie.getValue().isEmpty()) {
            // a page's fetch gets no Basic challenge: the browser would put up its own password box over the page
            throw fromScript(request)
                    ? refusal(401, "signed-out", "not signed in; sign in at /ui/")
                    : unauthorizedHandler.buildException(prefix, realm);
        }
        Optional<Sessions.Session> session = sessions.use(cookie.getValue());
        if (session.isEmpty()) {
            throw refusal(401, "session-ended",
                    "the web session has expired or ended; sign in again");
        }
        if (StateChangeGuard.changesState(request.getMethod())
                && !session.get().csrfIs(request.getHeaderString(SessionCookie.CSRF_HEADER))) {
            throw refusal(403, "csrf-token-missing", request.getMethod()
                    + " with a session cookie needs the session's token in " + SessionCookie.CSRF_HEADER
                    + " (the sign-in answer's csrf)");
        }
        if (!authenticate(request, session.get(), SCHEME)) {
            sessions.close(cookie.getValue());
            throw refusal(401, "session-ended", "user "
                    + session.get().signedIn().user().name() + " no longer holds the credential they signed in with; "
                    + "sign in again");
        }
    }

    /** A browser's fetch or EventSource (not a navigation): its Fetch Metadata or our page's header says so. */
    private static boolean fromScript(ContainerRequestContext request) {
        String mode = request.getHeaderString("Sec-Fetch-Mode");
        return request.getHeaderString("X-Requested-With") != null
                || mode != null && !mode.equalsIgnoreCase("navigate");
    }

    private static WebApplicationException refusal(int status, String code, String message) {
        return new WebApplicationException(new HttpRefusal(status, code, message).response().build());
    }
}
