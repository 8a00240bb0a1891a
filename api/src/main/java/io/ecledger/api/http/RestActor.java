package io.ecledger.api.http;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;

/** Who a REST caller is: the authenticated principal, never a name the client claims. */
public final class RestActor {

    private RestActor() {}

    /** The authenticated principal's name, else {@code anonymous@<remote address>}. */
    public static String of(HttpServletRequest request) {
        return request.getUserPrincipal() != null
                ? request.getUserPrincipal().getName()
                : "anonymous@" + request.getRemoteAddr();
    }

    /** The roles of the authenticated principal; none for an anonymous caller. */
    public static Set<String> rolesOf(HttpServletRequest request) {
        return request.getUserPrincipal() instanceof RolesPrincipal
                ? ((RolesPrincipal) request.getUserPrincipal()).roles()
                : Set.of();
    }
}
