package io.ecledger.api.console;

import io.ecledger.api.access.Caller;
import io.ecledger.api.access.DecidedByCommand;
import io.ecledger.api.access.Requires;
import io.ecledger.api.http.Refused;
import io.ecledger.api.http.RestActor;
import io.ecledger.ledger.command.CompletionData;
import io.ecledger.ledger.command.Origin;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code POST /v1/console}: one console line in, the exact text the console prints out; 400 with the reason when
 * refused, 403 when the command policy does not allow it.
 */
@Path("/v1/console")
public final class ConsoleResource {

    private final ConsoleService console;

    public ConsoleResource(ConsoleService console) {
        this.console = console;
    }

    @Requires("help")
    @GET
    @Path("/completions")
    @Produces(MediaType.APPLICATION_JSON)
    public CompletionData completions() {
        return console.completions();
    }

    /** {@code {"line": "..."}}: what the console sends; a browser cannot send JSON cross-site without a preflight. */
    @DecidedByCommand
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.TEXT_PLAIN)
    public Response runJson(ConsoleLine body, @Context HttpServletRequest request) {
        if (body == null || body.line() == null) {
            return Response.status(Response.Status.BAD_REQUEST).type(MediaType.TEXT_PLAIN_TYPE)
                    .entity("the body is {\"line\": \"a console line\"}").build();
        }
        return run(body.line(), request);
    }

    /** The line as the whole body; past the REST guards only with an Authorization header (api.http.StateChangeGuard). */
    @DecidedByCommand
    @POST
    @Consumes(MediaType.TEXT_PLAIN)
    @Produces(MediaType.TEXT_PLAIN)
    public Response run(String line, @Context HttpServletRequest request) {
        try {
            Caller caller = new Caller(RestActor.of(request), Origin.REST, RestActor.rolesOf(request));
            return Response.ok(console.execute(line, caller)).build();
        } catch (Refused refused) {
            return Response.status(refused.status()).type(MediaType.TEXT_PLAIN_TYPE)
                    .entity(refused.getMessage()).build();
        }
    }
}
