package io.ecledger.api.console;

import io.ecledger.api.access.Caller;
import io.ecledger.api.access.DecidedByCommand;
import io.ecledger.api.access.Requires;
import io.ecledger.api.access.RestCaller;
import io.ecledger.api.command.Issued;
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
import java.util.List;
import java.util.UUID;

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

    /**
     * The same line answered as JSON ({@code Accept: application/json}), for the web console: the text, and for a send
     * the command's id and expected nodes so the page can follow the answers; a refusal is {@code {code, message}}.
     */
    @DecidedByCommand
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON + ";qs=0.5") // below text: a client that states no preference gets text
    public Answered answerJson(ConsoleLine body, @Context HttpServletRequest request) {
        if (body == null || body.line() == null) {
            throw new Refused("invalid-request", "the body is {\"line\": \"a console line\"}");
        }
        Answer answer = console.answer(body.line(), RestCaller.of(request));
        return new Answered(answer.text(), answer.issued().map(Issued::commandId).orElse(null),
                answer.issued().map(Issued::expectedNodes).orElse(null));
    }

    /** A line's answer as JSON: {@code commandId} and {@code expectedNodes} are null unless the line sent a command. */
    public record Answered(String text, UUID commandId, List<String> expectedNodes) {}

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
