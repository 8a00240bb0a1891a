package io.ecledger.api.info;

import io.ecledger.api.membership.Member;
import io.ecledger.api.membership.Membership;
import io.ecledger.api.projection.Projection;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code /v1/info}, {@code /v1/version} and {@code /v1/shutdown}. */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
public final class InfoResource {

    /** What {@code GET /v1/info} answers. */
    public record Info(String cluster, String manager, String version, int nodes, long alive, long subclusters,
            long ledgerOffset, long projectionLag) {}

    private final String clusterName;
    private final String managerHost;
    private final Membership membership;
    private final Projection projection;
    private final Clock clock;
    private final Runnable shutdown;

    public InfoResource(String clusterName, String managerHost, Membership membership, Projection projection, Clock clock,
            Runnable shutdown) {
        this.clusterName = clusterName;
        this.managerHost = managerHost;
        this.membership = membership;
        this.projection = projection;
        this.clock = clock;
        this.shutdown = shutdown;
    }

    @GET
    @Path("/info")
    public Info info() {
        List<Member> members = membership.members(clock.instant()).stream().filter(m -> !m.left())
                .collect(Collectors.toList());
        long lag = projection.ledgerLag();
        return new Info(clusterName, managerHost, ManagerInfo.version(), members.size(),
                members.stream().filter(Member::alive).count(),
                members.stream().map(Member::subcluster).distinct().count(),
                projection.appliedLedgerOffset() + Math.max(lag, 0), lag);
    }

    @GET
    @Path("/version")
    public Map<String, String> version() {
        return Map.of("version", ManagerInfo.version(), "text", ManagerInfo.versionText());
    }

    @POST
    @Path("/shutdown")
    public Response shutdown() {
        shutdown.run();
        return Response.accepted(Map.of("message", "eccmgr shutting down")).build();
    }
}
