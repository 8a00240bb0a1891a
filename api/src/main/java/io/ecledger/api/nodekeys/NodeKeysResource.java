package io.ecledger.api.nodekeys;

import io.ecledger.api.access.Requires;
import io.ecledger.api.http.RestActor;
import io.ecledger.ledger.command.Origin;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * {@code GET /v1/nodes/keys}: every node key and its state; {@code POST /v1/nodes/keys/NODE/accept} (NODE
 * {@code --all} for every node) and {@code POST /v1/nodes/keys/NODE/reject}: a decision on the ledger, the caller its actor.
 */
@Path("/v1/nodes/keys")
@Produces(MediaType.APPLICATION_JSON)
public final class NodeKeysResource {

    private final NodeKeyService keys;

    public NodeKeysResource(NodeKeyService keys) {
        this.keys = keys;
    }

    @Requires("node-keys")
    @GET
    public List<NodeKeyView> keys() {
        return keys.keys();
    }

    @Requires("node-trust")
    @POST
    @Path("/{node}/accept")
    public List<NodeKeyView> accept(@PathParam("node") String node, @Context HttpServletRequest http) {
        return keys.accept(RestActor.of(http), Origin.REST, node);
    }

    @Requires("node-trust")
    @POST
    @Path("/{node}/reject")
    public List<NodeKeyView> reject(@PathParam("node") String node, @Context HttpServletRequest http) {
        return keys.reject(RestActor.of(http), Origin.REST, node);
    }
}
