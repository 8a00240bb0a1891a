package io.ecledger.api.auth;

import io.dropwizard.auth.AuthFilter;
import io.dropwizard.auth.UnauthorizedHandler;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The web console's door: the session cookie a sign-in set, the user it names as the users file has them now, and
 * on every state-changing request the session's CSRF token in {@link SessionCookie#CSRF_HEADER}. A cookie travels
 * with every request the browser makes to the manager, whoever's page made it; the token is only in the manager's
 * own page.
 */
final class SessionCookieFilter extends AuthFilter<Sessions.Session, User> {

    /** The authentication scheme a session-authenticated request has. */
    static final String SCHEME = "SESSION";

    private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "DELETE", "PATCH");

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
                    ? refusal(Response.Status.UNAUTHORIZED, "signed-out", "not signed in; sign in at /ui/")
                    : unauthorizedHandler.buildException(prefix, realm);
        }
        Optional<Sessions.Session> session = sessions.use(cookie.getValue());
        if (session.isEmpty()) {
            throw refusal(Response.Status.UNAUTHORIZED, "session-ended",
                    "the web session has expired or ended; sign in again");
        }
        if (STATE_CHANGING.contains(request.getMethod().toUpperCase(Locale.ROOT))
                && !session.get().csrfIs(request.getHeaderString(SessionCookie.CSRF_HEADER))) {
            throw refusal(Response.Status.FORBIDDEN, "csrf-token-missing", request.getMethod()
                    + " with a session cookie needs the session's token in " + SessionCookie.CSRF_HEADER
                    + " (the sign-in answer's csrf)");
        }
        if (!authenticate(request, session.get(), SCHEME)) {
            sessions.close(cookie.getValue());
            throw refusal(Response.Status.UNAUTHORIZED, "session-ended", "user "
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

    private static WebApplicationException refusal(Response.Status status, String code, String message) {
        return new WebApplicationException(Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("code", code, "message", message)).build());
    }
}
