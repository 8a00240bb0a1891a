package io.ecledger.api.membership;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.List;

/** {@code GET /v1/membership}: every node with its subcluster, host, version and whether it is alive. */
@Path("/v1/membership")
@Produces(MediaType.APPLICATION_JSON)
public final class MembershipResource {

    private final Membership membership;
    private final Clock clock;

    public MembershipResource(Membership membership, Clock clock) {
        this.membership = membership;
        this.clock = clock;
    }

    @GET
    public List<Member> members() {
        return membership.members(clock.instant());
    }
}
