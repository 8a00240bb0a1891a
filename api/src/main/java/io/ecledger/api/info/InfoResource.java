package io.ecledger.api.info;

import io.ecledger.api.access.Requires;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** {@code /v1/info}, {@code /v1/version} and {@code /v1/shutdown}. */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
public final class InfoResource {

    private final InfoService info;
    private final Runnable shutdown;

    public InfoResource(InfoService info, Runnable shutdown) {
        this.info = info;
        this.shutdown = shutdown;
    }

    @Requires("info")
    @GET
    @Path("/info")
    public ManagerInfo info() {
        return info.info();
    }

    @Requires("version")
    @GET
    @Path("/version")
    public Map<String, String> version() {
        return Map.of("version", Version.version(), "text", Version.banner());
    }

    @Requires("shutdown")
    @POST
    @Path("/shutdown")
    public Response shutdown() {
        shutdown.run();
        return Response.accepted(Map.of("message", "eccmgr shutting down")).build();
    }
}
