package io.ecledger.api.policy;

import io.ecledger.api.access.DecidedByCommand;
import io.ecledger.api.access.Requires;
import io.ecledger.api.access.WithoutSignIn;
import io.ecledger.api.access.RestCaller;
import io.ecledger.api.http.Refused;
import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import java.lang.reflect.Method;

/**
 * Applies the command policy to every REST method after authentication: by its {@link Requires} class, or, for a
 * {@link DecidedByCommand} method, by the command the method builds. A method with neither is refused to everyone, so
 * an endpoint added without a policy class fails closed instead of open.
 */
@Priority(Priorities.AUTHORIZATION)
public final class PolicyFilter implements ContainerRequestFilter {

    private final Gate gate;

    @Context
    private ResourceInfo resource;

    @Context
    private HttpServletRequest request;

    public PolicyFilter(Gate gate) {
        this.gate = gate;
    }

    @Override
    public void filter(ContainerRequestContext context) {
        Method method = resource.getResourceMethod();
        if (method == null || method.isAnnotationPresent(DecidedByCommand.class)
                || method.isAnnotationPresent(WithoutSignIn.class)) {
            return;
        }
        Requires requires = method.getAnnotation(Requires.class);
        String sent = context.getMethod() + " /" + context.getUriInfo().getPath();
        if (requires == null) {
            throw Refused.forbidden("unclassified endpoint", sent + " has no command-policy class; nobody may call it");
        }
        gate.admit(RestCaller.of(request), requires.value(), sent);
    }
}
