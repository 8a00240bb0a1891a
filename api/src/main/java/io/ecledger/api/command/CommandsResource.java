package io.ecledger.api.command;

import io.ecledger.api.access.Admission;
import io.ecledger.api.access.Caller;
import io.ecledger.api.access.DecidedByCommand;
import io.ecledger.api.access.Requires;
import io.ecledger.api.access.RestCaller;
import io.ecledger.api.http.Refused;
import io.ecledger.api.retrieve.CommandResults;
import io.ecledger.ledger.command.Command;
import io.ecledger.ledger.command.Grammar;
import io.ecledger.ledger.command.Origin;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code /v1/commands}: issue a command as JSON, and follow one command's answers. */
@Path("/v1/commands")
@Produces(MediaType.APPLICATION_JSON)
public final class CommandsResource {

    private final Grammar grammar;
    private final CommandIssuer issuer;
    private final CommandLookup commands;
    private final Admission admission;

    public CommandsResource(Grammar grammar, CommandIssuer issuer, CommandLookup commands, Admission admission) {
        this.grammar = grammar;
        this.issuer = issuer;
        this.commands = commands;
        this.admission = admission;
    }

    @DecidedByCommand
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response issue(CommandRequest request, @Context HttpServletRequest http) {
        if (request == null) {
            throw new Refused("invalid-request", "body must be {\"target\": …, \"command\": …}");
        }
        Command.Send send = request.send(grammar);
        Caller caller = RestCaller.of(http);
        admission.admit(caller, send, grammar.line(send));
        Issued issued = issuer.issue(send.target(), send.commandText(), caller.actor(), Origin.REST);
        return Response.accepted(issued).build();
    }

    @Requires("retrieve")
    @GET
    @Path("/{commandId}")
    public CommandResults command(@PathParam("commandId") String commandId) {
        return commands.command(commandId).orElseThrow(() -> new NotFoundException("no command " + commandId));
    }
}
