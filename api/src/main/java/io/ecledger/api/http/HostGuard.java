package io.ecledger.api.http;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The Host must be one of the manager's own names (DNS rebinding: a page on {@code evil.example} whose name now
 * resolves to 127.0.0.1 still sends {@code Host: evil.example}), and an Origin, when a browser sends one, must be
 * the manager's own origin or a configured one (CSRF: a page elsewhere posting to the manager). Clients that are not
 * browsers send no Origin and pass.
 */
public final class HostGuard implements RequestGuard {

    private final Set<String> hosts;
    private final Set<String> origins;

    /** {@code hosts}: names without port ({@code ::1} without brackets); {@code origins}: {@code scheme://host[:port]}. */
    public HostGuard(Set<String> hosts, Set<String> origins) {
        this.hosts = hosts.stream().map(HostGuard::bare).collect(Collectors.toUnmodifiableSet());
        this.origins = origins.stream().map(o -> o.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public Optional<HttpRefusal> check(HttpServletRequest request) {
        String host = request.getHeader("Host");
        if (host == null || !hosts.contains(bare(hostPart(host)))) {
            // 421: this server is not the one that name is for
            return Optional.of(new HttpRefusal(421, "host-not-allowed", "Host " + (host == null ? "(none)" : "'" + host + "'")
                    + " is not one of this manager's names; add it to rest.allowedHosts if it is"));
        }
        String origin = request.getHeader("Origin");
        if (origin != null && !origins.contains(origin.toLowerCase(Locale.ROOT)) && !sameOrigin(origin, host, request)) {
            return Optional.of(new HttpRefusal(403, "origin-not-allowed", "Origin '" + origin
                    + "' is not this manager's own; add it to rest.allowedOrigins if it is"));
        }
        return Optional.empty();
    }

    /** The Origin names the very host and port the request was sent to (the Host header, already checked). */
    private static boolean sameOrigin(String origin, String host, HttpServletRequest request) {
        URI uri;
        try {
            uri = new URI(origin);
        } catch (URISyntaxException e) {
            return false;
        }
        if (uri.getHost() == null || uri.getPath() != null && !uri.getPath().isEmpty()
                || !(request.isSecure() ? "https" : "http").equalsIgnoreCase(uri.getScheme())) {
            return false;
        }
        int defaultPort = request.isSecure() ? 443 : 80;
        int originPort = uri.getPort() < 0 ? defaultPort : uri.getPort();
        return bare(uri.getHost()).equals(bare(hostPart(host))) && originPort == hostPort(host, defaultPort);
    }

    private static String hostPart(String host) {
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(0, end + 1);
        }
        int colon = host.indexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    private static int hostPort(String host, int defaultPort) {
        String rest = host.substring(hostPart(host).length());
        try {
            return rest.startsWith(":") ? Integer.parseInt(rest.substring(1)) : defaultPort;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String bare(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.startsWith("[") && lower.endsWith("]") ? lower.substring(1, lower.length() - 1) : lower;
    }
}
