package io.ecledger.api.http;

import io.dropwizard.core.server.ServerFactory;
import io.dropwizard.core.setup.Environment;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The checks in front of every resource, in order: Host and Origin, then the body (encoding, size), then, on the REST
 * port, the JSON-or-Authorization rule for state-changing requests. Authentication comes after all of these (a Jersey
 * filter of its own), so a refused request never reaches a credential check.
 */
public final class RestFilters {

    private RestFilters() {}

    /** Installs the guards on the REST port and, without the JSON rule (tasks are bodyless {@code curl -X POST}s), on the admin port. */
    public static void install(Environment environment, ServerFactory server, RestFactory rest) {
        Set<String> hosts = ServerDefaults.hostNames(server, rest.getAllowedHosts());
        HostGuard host = new HostGuard(hosts, Set.copyOf(rest.getAllowedOrigins()));
        BodyGuard body = new BodyGuard(rest.getMaxBodySize().toBytes());
        environment.servlets().addFilter("rest-guards", new GuardFilter(List.of(host, body, new StateChangeGuard()), body))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        environment.admin().addFilter("admin-guards", new GuardFilter(List.of(host, body), body))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
    }
}
