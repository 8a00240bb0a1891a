package io.ecledger.api.webui;

import io.dropwizard.assets.AssetsBundle;
import io.dropwizard.core.server.ServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.ecledger.api.http.ServerDefaults;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * The web console: the HTML, CSS and JavaScript modules under {@code webui/} in the jar, served at {@link #PATH} on
 * the REST port with headers that let the page load nothing but its own files and run in no frame.
 */
public final class WebConsole {

    /** Where the page is served. */
    public static final String PATH = "/ui/";

    // 'self' only: no inline script or style, no CDN, no other site's frame around it
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private WebConsole() {}

    /** Adds the assets bundle; before the application runs. */
    public static <T extends io.dropwizard.core.Configuration> void addTo(Bootstrap<T> bootstrap) {
        bootstrap.addBundle(new AssetsBundle("/webui/", PATH, "index.html", "webui"));
    }

    /** The page's headers, on everything under {@link #PATH}. */
    public static void install(Environment environment) {
        environment.servlets().addFilter("webui-headers", new Headers())
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, PATH + "*");
    }

    /**
     * Refuses to start when {@code Web_UI Listen} names an address the REST port does not listen on: the page is
     * served there and nowhere else, so an operator who set it to move the page must move the connector instead.
     */
    public static Optional<String> listenProblem(Optional<String> listen, ServerFactory server) {
        if (listen.isEmpty()) {
            return Optional.empty();
        }
        List<String> rest = ServerDefaults.restAddresses(server);
        String wanted = listen.get().strip();
        boolean served = rest.stream().anyMatch(address -> address.equalsIgnoreCase(wanted)
                || address.startsWith("0.0.0.0:") && wanted.endsWith(address.substring(address.indexOf(':'))));
        return served ? Optional.empty() : Optional.of("webui-common.conf's Web_UI Listen is " + wanted
                + " but the web console is served on the REST port, which listens on " + String.join(", ", rest)
                + ": change server.applicationConnectors in eccmgr.yml, or unset Web_UI Listen");
    }

    /** The page's security headers. */
    static final class Headers extends HttpFilter {

        private static final long serialVersionUID = 1L;

        @Override
        protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader("X-Frame-Options", "DENY");
            response.setHeader("Referrer-Policy", "no-referrer");
            // a new manager version's page is fetched again, not an old one kept from before the upgrade
            response.setHeader("Cache-Control", "no-cache");
            chain.doFilter(request, response);
        }
    }
}
