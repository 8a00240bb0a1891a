package io.ecledger.api.http;

import jakarta.servlet.http.HttpServletRequest;

/** Who a REST caller is, as far as the manager can know until authentication exists: never a name the client claims. */
public final class RestActor {

    private RestActor() {}

    /** The authenticated principal's name, else {@code anonymous@<remote address>}. */
    public static String of(HttpServletRequest request) {
        return request.getUserPrincipal() != null
                ? request.getUserPrincipal().getName()
                : "anonymous@" + request.getRemoteAddr();
    }
}
