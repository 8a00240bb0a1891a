package io.ecledger.api.membership;

import io.ecledger.api.access.Requires;
import io.ecledger.api.asof.Views;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * {@code GET /v1/membership}: every node with its subcluster, host, version and whether it is alive;
 * {@code ?asOf=OFFSET|TIME} as of a ledger offset or a time.
 */
@Path("/v1/membership")
@Produces(MediaType.APPLICATION_JSON)
public final class MembershipResource {

    private final Membership membership;
    private final Views views;

    public MembershipResource(Membership membership, Views views) {
        this.membership = membership;
        this.views = views;
    }

    @Requires("membership")
    @GET
    public List<Member> members(@QueryParam("asOf") String point) {
        return views.of(Views.point(point)).read(membership::members);
    }
}
