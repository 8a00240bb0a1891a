package io.ecledger.api.http;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A POST, PUT or DELETE must say it is JSON or carry an Authorization header: a browser sends neither cross-site
 * without a CORS preflight (which the manager never answers), so a page elsewhere cannot make the manager act with
 * a {@code text/plain} form post. A bodyless POST or DELETE still sends {@code Content-Type: application/json}.
 */
public final class StateChangeGuard implements RequestGuard {

    private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "DELETE", "PATCH");

    /** Whether a request of {@code method} changes state, as every guard of a state change takes it. */
    public static boolean changesState(String method) {
        return STATE_CHANGING.contains(method.toUpperCase(Locale.ROOT));
    }

    @Override
    public Optional<HttpRefusal> check(HttpServletRequest request) {
        if (!changesState(request.getMethod())
                || request.getHeader("Authorization") != null || isJson(request.getContentType())) {
            return Optional.empty();
        }
        return Optional.of(new HttpRefusal(415, "json-required", request.getMethod() + " needs Content-Type: "
                + "application/json (or an Authorization header); got "
                + (request.getContentType() == null ? "no Content-Type" : "'" + request.getContentType() + "'")));
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || type.startsWith("application/") && type.endsWith("+json");
    }
}
