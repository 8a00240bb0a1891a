package io.ecledger.api.auth;

import io.ecledger.api.http.HttpRefusal;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * The admin port's door: its tasks rebuild the projection and rotate the manager's key, its metrics and health say
 * what the cluster does, so everything but {@code /ping} (a liveness probe that says nothing) wants an admin's token.
 */
final class AdminAuthFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    private final transient Users users;

    AdminAuthFilter(Users users) {
        this.users = users;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals("/ping")) {
            chain.doFilter(request, response);
            return;
        }
        Optional<User> user = RestAuth.bearer(request.getHeader("Authorization")).flatMap(users::authenticate);
        if (user.isEmpty()) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"" + RestAuth.REALM + "\"");
            new HttpRefusal(401, "unauthenticated",
                    "the admin port wants Authorization: Bearer <token> of an admin (ecledger user token NAME)")
                    .writeTo(response);
            return;
        }
        if (!user.get().roles().contains(RestAuth.ADMIN)) {
            new HttpRefusal(403, "not-admin", "user " + user.get().name() + " is not an admin; the admin port is for admins")
                    .writeTo(response);
            return;
        }
        chain.doFilter(request, response);
    }
}
