package io.ecledger.api.auth;

import jakarta.ws.rs.core.NewCookie;

/**
 * The web console's session cookie: {@code HttpOnly} (no script reads it), {@code SameSite=Strict} (no other site's
 * page sends it), {@code Secure} when the request came over TLS, for the whole REST port, gone when the browser closes.
 */
public final class SessionCookie {

    /** The cookie's name. */
    public static final String NAME = "ecledger_session";
    /** The header a state-changing request carries the session's CSRF token in. */
    public static final String CSRF_HEADER = "X-CSRF-Token";

    private SessionCookie() {}

    /** Sets the cookie to {@code value}. */
    public static NewCookie set(String value, boolean secure) {
        return builder(value, secure).build();
    }

    /** Clears it. */
    public static NewCookie clear(boolean secure) {
        return builder("", secure).maxAge(0).build();
    }

    private static NewCookie.Builder builder(String value, boolean secure) {
        return new NewCookie.Builder(NAME).value(value).path("/").httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.STRICT);
    }
}
