package io.ecledger.api.http;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.Set;

/** Who a REST caller is: the authenticated principal, never a name the client claims. */
public final class RestActor {

    /** The request attribute api.auth puts the authenticated principal in. */
    public static final String PRINCIPAL = RestActor.class.getName() + ".principal";

    private RestActor() {}

    /** The authenticated principal's name, else {@code anonymous@<remote address>}. */
    public static String of(HttpServletRequest request) {
        Principal principal = principal(request);
        return principal != null ? principal.getName() : "anonymous@" + request.getRemoteAddr();
    }

    /** The roles of the authenticated principal; none for an anonymous caller. */
    public static Set<String> rolesOf(HttpServletRequest request) {
        return principal(request) instanceof RolesPrincipal ? ((RolesPrincipal) principal(request)).roles() : Set.of();
    }

    private static Principal principal(HttpServletRequest request) {
        return request.getAttribute(PRINCIPAL) instanceof Principal ? (Principal) request.getAttribute(PRINCIPAL)
                : request.getUserPrincipal();
    }
}
