package io.ecledger.api.console;

import jakarta.servlet.http.HttpServletRequest;

/** Who a REST caller is, as far as the manager can know until authentication exists: never a name the client claims. */
public final class RestActor {

    private RestActor() {}

    public static String of(HttpServletRequest request) {
        return request.getUserPrincipal() != null
                ? request.getUserPrincipal().getName()
                : "anonymous@" + request.getRemoteAddr();
    }
}
