package io.ecledger.api.membership;

import io.ecledger.api.asof.AsOfViews;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.List;

/**
 * {@code GET /v1/membership}: every node with its subcluster, host, version and whether it is alive;
 * {@code ?asOf=OFFSET|TIME} as of a ledger offset or a time.
 */
@Path("/v1/membership")
@Produces(MediaType.APPLICATION_JSON)
public final class MembershipResource {

    private final Membership membership;
    private final AsOfViews asOf;
    private final Clock clock;

    public MembershipResource(Membership membership, AsOfViews asOf, Clock clock) {
        this.membership = membership;
        this.asOf = asOf;
        this.clock = clock;
    }

    @GET
    public List<Member> members(@QueryParam("asOf") String point) {
        if (point != null) {
            return asOf.read(AsOfViews.point(point), view -> view.membership().members(view.now()));
        }
        return membership.members(clock.instant());
    }
}
