package io.ecledger.api.testing;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import org.glassfish.jersey.internal.inject.AbstractBinder;

/**
 * The servlet request of an unauthenticated client at one address, for resources under Jersey's in-memory
 * container, which has no servlet request of its own: register {@link #at} as a provider.
 */
public final class AnonymousCaller {

    private AnonymousCaller() {}

    /** A binder answering {@code @Context HttpServletRequest} with no principal and {@code remoteAddress}. */
    public static AbstractBinder at(String remoteAddress) {
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(HttpServletRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getUserPrincipal":
                        case "getAttribute":
                            // no principal, neither the container's nor the one api.auth puts in an attribute
                            return null;
                        case "getRemoteAddr":
                            return remoteAddress;
                        case "toString":
                            return "anonymous request from " + remoteAddress;
                        default:
                            // a resource asking more of the request than who sent it needs a real container
                            throw new UnsupportedOperationException("HttpServletRequest." + method.getName());
                    }
                });
        return new AbstractBinder() {
            @Override
            protected void configure() {
                bind(request).to(HttpServletRequest.class);
            }
        };
    }
}
