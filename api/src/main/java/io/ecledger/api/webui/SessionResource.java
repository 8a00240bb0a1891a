package io.ecledger.api.webui;

import io.ecledger.api.access.WithoutSignIn;
import io.ecledger.api.auth.SessionCookie;
import io.ecledger.api.auth.Sessions;
import io.ecledger.api.auth.SignedIn;
import io.ecledger.api.auth.User;
import io.ecledger.api.auth.Users;
import io.ecledger.api.http.HttpRefusal;
import io.ecledger.api.policy.Gate;
import io.ecledger.ledger.policy.CommandClasses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /v1/session}: the web console signs in here with the same users, passwords and tokens as every REST client,
 * and gets a session cookie ({@code HttpOnly}, {@code SameSite=Strict}, {@code Secure} over TLS) plus the CSRF token
 * its state-changing requests must carry. What the page may offer comes with it, decided by the command policy.
 */
@Path("/v1/session")
@Produces(MediaType.APPLICATION_JSON)
public final class SessionResource {

    private static final Logger LOG = LoggerFactory.getLogger(SessionResource.class);

    private final Users users;
    private final Sessions sessions;
    private final Supplier<WebUiSettings> settings;
    private final Gate gate;
    private final SignInThrottle throttle;

    /** What the sign-in form sends: a user and password, or a token. */
    public record SignIn(String user, String password, String token) {}

    /** Which credentials the sign-in form takes. */
    public record Options(boolean passwordSignIn, boolean tokenSignIn) {}

    /** A signed-in session as the page sees it: who, which roles, the CSRF token, what the policy lets it do. */
    public record SessionView(String user, List<String> roles, String csrf, Map<String, Boolean> may,
                              boolean passwordSignIn, boolean tokenSignIn, long idleTimeoutSeconds) {}

    public SessionResource(Users users, Sessions sessions, Supplier<WebUiSettings> settings, Gate gate,
            java.time.Clock clock) {
        this.users = users;
        this.sessions = sessions;
        this.settings = settings;
        this.gate = gate;
        this.throttle = new SignInThrottle(10, Duration.ofMinutes(5), 10_000, clock);
    }

    @WithoutSignIn
    @GET
    @Path("/options")
    public Options options() {
        WebUiSettings now = settings.get();
        return new Options(now.passwordSignIn(), now.tokenSignIn());
    }

    /** Signs in: 200 with the session and its cookie, 401 for credentials that hold for no user, 429 when throttled. */
    @WithoutSignIn
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response signIn(SignIn body, @Context HttpServletRequest http) {
        String address = http.getRemoteAddr();
        Optional<Duration> wait = throttle.wait(address);
        if (wait.isPresent()) {
            long seconds = Math.max(1, wait.get().toSeconds());
            LOG.warn("sign-in from {} refused: too many failed sign-ins, {} s to wait", address, seconds);
            return refusal(429, "too-many-sign-ins", "too many failed sign-ins from " + address + "; try again in "
                    + seconds + " s").header("Retry-After", seconds).build();
        }
        WebUiSettings now = settings.get();
        Optional<SignedIn> signedIn;
        if (body != null && body.token() != null && !body.token().isBlank()) {
            if (!now.tokenSignIn()) {
                return refusal(400, "token-sign-in-off", "signing in with a token is turned off (Web_UI Token_Sign_In)")
                        .build();
            }
            signedIn = users.signIn(body.token().strip());
        } else if (body != null && body.user() != null && body.password() != null) {
            if (!now.passwordSignIn()) {
                return refusal(400, "password-sign-in-off",
                        "signing in with a password is turned off (Web_UI Password_Sign_In)").build();
            }
            signedIn = users.signIn(body.user(), body.password());
        } else {
            return refusal(400, "invalid-request",
                    "the body is {\"user\": NAME, \"password\": PASSWORD} or {\"token\": TOKEN}").build();
        }
        if (signedIn.isEmpty()) {
            throttle.failed(address);
            LOG.warn("sign-in refused from {}{}", address, body.user() == null ? " (token)" : " as " + body.user());
            return refusal(401, "sign-in-refused", "no user has that name and password (or that token)").build();
        }
        throttle.succeeded(address);
        Sessions.Opened opened = sessions.open(signedIn.get());
        LOG.info("web session opened for {} from {} by {}", signedIn.get().user().name(), address,
                signedIn.get().method());
        return Response.ok(view(signedIn.get().user(), opened.session()))
                .cookie(SessionCookie.set(opened.cookie(), http.isSecure())).build();
    }

    /** The session the cookie opened, 401 when there is none (the page then shows its sign-in form). */
    @WithoutSignIn
    @GET
    public Response current(@CookieParam(SessionCookie.NAME) String cookie) {
        Optional<Sessions.Session> session = cookie == null ? Optional.empty() : sessions.use(cookie);
        Optional<User> user = session.flatMap(open -> users.stillSignedIn(open.signedIn()));
        if (user.isEmpty()) {
            return refusal(401, "signed-out", "not signed in").build();
        }
        return Response.ok(view(user.get(), session.get())).build();
    }

    /** Signs out: the session ends and the cookie is cleared; with a live session, only with its CSRF token. */
    @WithoutSignIn
    @DELETE
    public Response signOut(@CookieParam(SessionCookie.NAME) String cookie,
            @HeaderParam(SessionCookie.CSRF_HEADER) String csrf, @Context HttpServletRequest http) {
        Optional<Sessions.Session> session = cookie == null ? Optional.empty() : sessions.use(cookie);
        if (session.isPresent()) {
            if (!session.get().csrfIs(csrf)) {
                return refusal(403, "csrf-token-missing", "signing out needs the session's token in "
                        + SessionCookie.CSRF_HEADER).build();
            }
            sessions.close(cookie);
            LOG.info("web session of {} closed by signing out", session.get().signedIn().user().name());
        }
        return Response.noContent().cookie(SessionCookie.clear(http.isSecure())).build();
    }

    private SessionView view(User user, Sessions.Session session) {
        Map<String, Boolean> may = new TreeMap<>();
        CommandClasses.ALL.forEach(commandClass -> may.put(commandClass, gate.allows(user.roles(), commandClass)));
        WebUiSettings now = settings.get();
        return new SessionView(user.name(), user.roles().stream().sorted().toList(), session.csrf(), may,
                now.passwordSignIn(), now.tokenSignIn(), now.sessionTimeout().toSeconds());
    }

    private static Response.ResponseBuilder refusal(int status, String code, String message) {
        return new HttpRefusal(status, code, message).response();
    }
}
