package io.ecledger.api.access;

import io.ecledger.api.http.RestActor;
import io.ecledger.ledger.command.Origin;
import jakarta.servlet.http.HttpServletRequest;

/** The {@link Caller} of a REST request: its authenticated principal and roles. */
public final class RestCaller {

    private RestCaller() {}

    /** The caller of {@code request}. */
    public static Caller of(HttpServletRequest request) {
        return new Caller(RestActor.of(request), Origin.REST, RestActor.rolesOf(request));
    }
}
