package io.ecledger.api.retrieve;

import io.ecledger.api.Refused;
import io.ecledger.api.command.CommandIssuer;
import io.ecledger.api.console.RestActor;
import io.ecledger.ledger.command.Names;
import io.ecledger.ledger.command.Target;
import io.ecledger.ledger.event.Origin;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.Map;

/** The results buffer over REST: retrieve, retrieve_node, subcluster retrieve, and flush. */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
public final class ResultsResource {

    private final Results results;
    private final CommandIssuer issuer;
    private final Clock clock;

    public ResultsResource(Results results, CommandIssuer issuer, Clock clock) {
        this.results = results;
        this.issuer = issuer;
        this.clock = clock;
    }

    @GET
    @Path("/results")
    public CommandResults retrieve(@QueryParam("command") String command) {
        return retrieve(new Target.Broadcast(), command);
    }

    @GET
    @Path("/results/nodes/{node}")
    public CommandResults retrieveNode(@PathParam("node") String node, @QueryParam("command") String command) {
        return retrieve(new Target.Unicast(validName("node", node)), command);
    }

    @GET
    @Path("/subclusters/{name}/results")
    public CommandResults retrieveSubcluster(@PathParam("name") String name, @QueryParam("command") String command) {
        return retrieve(new Target.Subcluster(validName("subcluster", name)), command);
    }

    @DELETE
    @Path("/results")
    public Map<String, Long> flush(@Context HttpServletRequest http) {
        return Map.of("offset", issuer.flush(RestActor.of(http), Origin.REST));
    }

    private CommandResults retrieve(Target scope, String command) {
        if (command == null || command.isBlank()) {
            throw new Refused("missing-command", "query parameter 'command' is required");
        }
        issuer.requireKnown(scope);
        return results.retrieve(scope, command, clock.instant())
                .orElseThrow(() -> new NotFoundException("no command '" + command + "' for " + scope.describe()
                        + " since the last flush of the results buffer"));
    }

    private static String validName(String kind, String name) {
        if (!Names.isValid(name)) {
            throw new Refused("invalid-name", "'" + name + "' is not a valid " + kind + " name");
        }
        return name;
    }
}
