package io.ecledger.api.retrieve;

import io.ecledger.api.Refused;
import io.ecledger.api.asof.AsOfViews;
import io.ecledger.api.command.CommandIssuer;
import io.ecledger.api.console.RestActor;
import io.ecledger.ledger.command.Names;
import io.ecledger.ledger.command.Target;
import io.ecledger.ledger.command.Origin;
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
import java.util.Optional;

/** The results buffer over REST: retrieve, retrieve_node, subcluster retrieve ({@code ?asOf=OFFSET|TIME} too), and flush. */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
public final class ResultsResource {

    private final Results results;
    private final CommandIssuer issuer;
    private final AsOfViews asOf;
    private final Clock clock;

    public ResultsResource(Results results, CommandIssuer issuer, AsOfViews asOf, Clock clock) {
        this.results = results;
        this.issuer = issuer;
        this.asOf = asOf;
        this.clock = clock;
    }

    @GET
    @Path("/results")
    public CommandResults retrieve(@QueryParam("command") String command, @QueryParam("asOf") String point) {
        return retrieve(new Target.Broadcast(), command, point);
    }

    @GET
    @Path("/results/nodes/{node}")
    public CommandResults retrieveNode(@PathParam("node") String node, @QueryParam("command") String command,
            @QueryParam("asOf") String point) {
        return retrieve(new Target.Unicast(validName("node", node)), command, point);
    }

    @GET
    @Path("/subclusters/{name}/results")
    public CommandResults retrieveSubcluster(@PathParam("name") String name, @QueryParam("command") String command,
            @QueryParam("asOf") String point) {
        return retrieve(new Target.Subcluster(validName("subcluster", name)), command, point);
    }

    @DELETE
    @Path("/results")
    public Map<String, Long> flush(@Context HttpServletRequest http) {
        return Map.of("offset", issuer.flush(RestActor.of(http), Origin.REST));
    }

    private CommandResults retrieve(Target scope, String command, String point) {
        if (command == null || command.isBlank()) {
            throw new Refused("missing-command", "query parameter 'command' is required");
        }
        Optional<CommandResults> found;
        if (point != null) {
            found = asOf.read(AsOfViews.point(point), view -> {
                CommandIssuer.requireKnown(scope, view.membership().members(view.now()));
                return view.results().retrieve(scope, command, view.now());
            });
        } else {
            issuer.requireKnown(scope);
            found = results.retrieve(scope, command, clock.instant());
        }
        return found.orElseThrow(() -> new NotFoundException("no command '" + command + "' for " + scope.describe()
                        + " since the last flush of the results buffer"));
    }

    private static String validName(String kind, String name) {
        if (!Names.isValid(name)) {
            throw new Refused("invalid-name", "'" + name + "' is not a valid " + kind + " name");
        }
        return name;
    }
}
