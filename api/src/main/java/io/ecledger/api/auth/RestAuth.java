package io.ecledger.api.auth;

import io.dropwizard.auth.AuthFilter;
import io.dropwizard.auth.UnauthorizedHandler;
import io.dropwizard.auth.basic.BasicCredentialAuthFilter;
import io.dropwizard.auth.basic.BasicCredentials;
import io.dropwizard.auth.chained.ChainedAuthFilter;
import io.dropwizard.auth.oauth.OAuthCredentialAuthFilter;
import io.dropwizard.core.setup.Environment;
import io.ecledger.api.access.WithoutSignIn;
import io.ecledger.api.http.HttpRefusal;
import io.ecledger.api.http.RestActor;
import jakarta.annotation.Priority;
import jakarta.servlet.DispatcherType;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import java.io.IOException;
import java.lang.reflect.Method;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * Authentication on both ports. REST: one global Jersey filter, a bearer token or else a user's password (basic),
 * in front of every resource method, so no resource can be added without it. Admin port: a servlet filter wanting an
 * admin's bearer token for everything but {@code /ping}. Both run after the api.http guards.
 */
public final class RestAuth {

    /** The realm both challenges name. */
    public static final String REALM = "ecledger";
    /** The role the admin port asks for. */
    public static final String ADMIN = "admin";

    private RestAuth() {}

    /** The filters of both ports; {@code sessions} are the web console's, signed in through {@code /v1/session}. */
    public static void install(Environment environment, Users users, Sessions sessions) {
        environment.jersey().register(new Authenticating(filter(users, sessions)));
        environment.admin().addFilter("admin-auth", new AdminAuthFilter(users))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
    }

    /**
     * The web console's session cookie, then bearer (what the console and the CLIs send), then basic: the chained
     * filter answers with the first refusal (the cookie's: no cookie is the plain challenge) if none holds.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static AuthFilter<?, User> filter(Users users, Sessions sessions) {
        AuthFilter<String, User> bearer = new OAuthCredentialAuthFilter.Builder<User>()
                .setAuthenticator(users::authenticate)
                .setPrefix("Bearer").setRealm(REALM).setUnauthorizedHandler(new Challenge()).buildAuthFilter();
        AuthFilter<BasicCredentials, User> basic = new BasicCredentialAuthFilter.Builder<User>()
                .setAuthenticator(credentials -> users.authenticate(credentials.getUsername(), credentials.getPassword()))
                .setPrefix("Basic").setRealm(REALM).setUnauthorizedHandler(new Challenge()).buildAuthFilter();
        return new ChainedAuthFilter(List.of(new SessionCookieFilter(sessions, users, new Challenge()), bearer, basic));
    }

    /**
     * The chained filter, then the principal it found put where {@link RestActor} reads it: the request's attribute
     * (Jersey's request properties are the servlet request's attributes), since Dropwizard sets the servlet request's
     * own principal only where Jetty's security handler is in place.
     */
    @Priority(Priorities.AUTHENTICATION)
    static final class Authenticating implements ContainerRequestFilter {
        private final ContainerRequestFilter chained;

        @Context
        private ResourceInfo resource;

        Authenticating(ContainerRequestFilter chained) {
            this.chained = chained;
        }

        @Override
        public void filter(ContainerRequestContext request) throws IOException {
            Method method = resource == null ? null : resource.getResourceMethod();
            if (method != null && method.isAnnotationPresent(WithoutSignIn.class)) {
                return;
            }
            chained.filter(request);
            if (!(request.getSecurityContext().getUserPrincipal() instanceof User)) {
                throw new AssertionError("the auth filter let a request through without a user");
            }
            request.setProperty(RestActor.PRINCIPAL, request.getSecurityContext().getUserPrincipal());
        }
    }

    /** The WWW-Authenticate value a 401 carries: both schemes the REST port takes. */
    public static String challenge() {
        return "Bearer realm=\"" + REALM + "\", Basic realm=\"" + REALM + "\"";
    }

    /** 401 with both challenges and the {@code {code, message}} body every refusal has. */
    static final class Challenge implements UnauthorizedHandler {
        @Override
        public Response buildResponse(String prefix, String realm) {
            return new HttpRefusal(401, "unauthenticated",
                    "send Authorization: Bearer <token> (ecledger user token NAME) or a user's password").response()
                    .header(HttpHeaders.WWW_AUTHENTICATE, challenge()).build();
        }
    }

    /** The token of an {@code Authorization: Bearer} header value. */
    static Optional<String> bearer(String header) {
        if (header == null) {
            return Optional.empty();
        }
        int space = header.indexOf(' ');
        if (space < 0 || !header.substring(0, space).equalsIgnoreCase("Bearer")) {
            return Optional.empty();
        }
        String token = header.substring(space + 1).strip();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}
