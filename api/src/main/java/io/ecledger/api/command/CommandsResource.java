package io.ecledger.api.command;

import io.ecledger.api.access.Admission;
import io.ecledger.api.access.Caller;
import io.ecledger.api.access.DecidedByCommand;
import io.ecledger.api.access.Requires;
import io.ecledger.api.access.RestCaller;
import io.ecledger.api.follow.Followers;
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
import jakarta.ws.rs.sse.Sse;
import io.ecledger.api.retrieve.Results;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.Optional;

/** {@code /v1/commands}: issue a command as JSON, look one command's answers up, and follow them live. */
@Path("/v1/commands")
@Produces(MediaType.APPLICATION_JSON)
public final class CommandsResource {

    private final Grammar grammar;
    private final CommandIssuer issuer;
    private final CommandLookup commands;
    private final Admission admission;
    private final Followers followers;
    private final CommandCanceller canceller;

    public CommandsResource(Grammar grammar, CommandIssuer issuer, CommandLookup commands, Admission admission,
            Followers followers, CommandCanceller canceller) {
        this.canceller = canceller;
        this.grammar = grammar;
        this.issuer = issuer;
        this.commands = commands;
        this.admission = admission;
        this.followers = followers;
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
        if (send.options().dryRun()) {
            return Response.ok(new Plan(true, issuer.plan(send.target(), send.options()))).build();
        }
        Issued issued = issuer.issue(send.target(), send.commandText(), send.options(), caller.actor(), Origin.REST);
        return Response.accepted(issued).build();
    }

    /** What a dry run would send: the nodes of each batch, in the order they would go out. */
    public record Plan(boolean dryRun, java.util.List<java.util.List<String>> batches) {}

    /** Cancels the command: {@code 202} with the cancel's ledger offset; refused when there is nothing to cancel. */
    @DecidedByCommand
    @POST
    @Path("/{commandId}/cancel")
    public Response cancel(@PathParam("commandId") String commandId, @Context HttpServletRequest http) {
        Command.Cancel cancel = new Command.Cancel(Optional.of(CommandLookup.id(commandId)), Optional.empty());
        Caller caller = RestCaller.of(http);
        String line = grammar.line(cancel);
        admission.admit(caller, cancel, line);
        return Response.accepted(canceller.cancel(cancel, "requested with '" + line + "'", caller.actor(),
                Origin.REST)).build();
    }

    @Requires("retrieve")
    @GET
    @Path("/{commandId}")
    public CommandResults command(@PathParam("commandId") String commandId) {
        return commands.command(commandId).orElseThrow(() -> new NotFoundException("no command " + commandId));
    }

    /**
     * {@code node}'s whole output to the command as plain UTF-8 text, its answer's inline part and every part after
     * it; 404 when it has not answered, 503 {@code output-incomplete} while parts are still to come.
     */
    @Requires("retrieve")
    @GET
    @Path("/{commandId}/nodes/{node}/output")
    @Produces(MediaType.TEXT_PLAIN + ";charset=UTF-8")
    public String output(@PathParam("commandId") String commandId, @PathParam("node") String node) {
        Results.Output output = commands.output(commandId, node).orElseThrow(() ->
                new NotFoundException("node " + node + " has not answered command " + commandId));
        if (!output.complete()) {
            throw Refused.unavailable("output-incomplete", "node " + node + "'s output to " + commandId + " is in "
                    + output.parts() + " parts after its answer and " + output.received() + " are in the views yet");
        }
        return output.text();
    }

    /**
     * Server-sent events: a {@code node} event with each node's state when the stream opens and each time it changes,
     * then {@code done} with the counts once no node is pending (at the latest at the command's deadline).
     */
    @Requires("retrieve")
    @GET
    @Path("/{commandId}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void events(@PathParam("commandId") String commandId, @Context SseEventSink sink, @Context Sse sse) {
        CommandResults command = command(commandId);
        followers.follow(command, sink, sse);
    }
}
