package io.ecledger.api.retrieve;

import io.ecledger.api.access.Requires;
import io.ecledger.api.asof.Views;
import io.ecledger.api.http.Refused;
import io.ecledger.api.http.RestActor;
import io.ecledger.ledger.command.Names;
import io.ecledger.ledger.command.Origin;
import io.ecledger.ledger.command.Target;
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
import java.util.Map;

/** The results buffer over REST: retrieve, retrieve_node, subcluster retrieve ({@code ?asOf=OFFSET|TIME} too), and flush. */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
public final class ResultsResource {

    private final RetrieveService results;
    private final FlushService flush;

    public ResultsResource(RetrieveService results, FlushService flush) {
        this.results = results;
        this.flush = flush;
    }

    @Requires("retrieve")
    @GET
    @Path("/results")
    public CommandResults retrieve(@QueryParam("command") String command, @QueryParam("asOf") String point) {
        return retrieve(new Target.Broadcast(), command, point);
    }

    @Requires("retrieve")
    @GET
    @Path("/results/nodes/{node}")
    public CommandResults retrieveNode(@PathParam("node") String node, @QueryParam("command") String command,
            @QueryParam("asOf") String point) {
        return retrieve(new Target.Unicast(validName("node", node)), command, point);
    }

    @Requires("retrieve")
    @GET
    @Path("/subclusters/{name}/results")
    public CommandResults retrieveSubcluster(@PathParam("name") String name, @QueryParam("command") String command,
            @QueryParam("asOf") String point) {
        return retrieve(new Target.Subcluster(validName("subcluster", name)), command, point);
    }

    @Requires("flush")
    @DELETE
    @Path("/results")
    public Map<String, Long> flush(@Context HttpServletRequest http) {
        return Map.of("offset", flush.flush(RestActor.of(http), Origin.REST));
    }

    private CommandResults retrieve(Target scope, String command, String point) {
        if (command == null || command.isBlank()) {
            throw new Refused("missing-command", "query parameter 'command' is required");
        }
        return results.retrieve(scope, command, Views.point(point)).orElseThrow(() -> new NotFoundException(
                "no command '" + command + "' for " + scope.describe() + " since the last flush of the results buffer"));
    }

    private static String validName(String kind, String name) {
        if (!Names.isValid(name)) {
            throw new Refused("invalid-name", "'" + name + "' is not a valid " + kind + " name");
        }
        return name;
    }
}
