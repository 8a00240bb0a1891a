package io.ecledger.api.config;

import io.ecledger.api.access.Requires;
import io.ecledger.api.http.Refused;
import io.ecledger.api.http.RestActor;
import io.ecledger.ledger.command.Origin;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * The manager's configuration over REST. Scope words go in repeated {@code scope} query parameters, in order, as
 * the console takes them: {@code /v1/config/options/file_mode?scope=Control_Listener&scope=Listen&scope=/tmp/2025}.
 */
@Path("/v1/config")
@Produces(MediaType.APPLICATION_JSON)
public final class ConfigResource {

    private final ConfigService config;

    public ConfigResource(ConfigService config) {
        this.config = config;
    }

    /** Every option the folded configuration sets, webui-common.conf's and other included files' among them. */
    @Requires("config-read")
    @GET
    public List<SetOptionView> options() {
        return config.setOptions();
    }

    @Requires("config-read")
    @GET
    @Path("/options/{option}")
    public OptionView get(@PathParam("option") String option, @QueryParam("scope") List<String> scope) {
        return config.option(scope, option);
    }

    @Requires("config-write")
    @PUT
    @Path("/options/{option}")
    @Consumes(MediaType.TEXT_PLAIN)
    public ChangeView set(@PathParam("option") String option, @QueryParam("scope") List<String> scope, String value,
                          @Context HttpServletRequest request) {
        return config.set(scope, option, value, RestActor.of(request), Origin.REST);
    }

    /** {@code {"value": "..."}}: the same as the text body, in the form a browser cannot send cross-site. */
    @Requires("config-write")
    @PUT
    @Path("/options/{option}")
    @Consumes(MediaType.APPLICATION_JSON)
    public ChangeView setJson(@PathParam("option") String option, @QueryParam("scope") List<String> scope,
                              ConfigValue body, @Context HttpServletRequest request) {
        if (body == null || body.value() == null) {
            throw new Refused("value-required", "the body is {\"value\": \"the option's value\"}");
        }
        return set(option, scope, body.value(), request);
    }

    @Requires("config-write")
    @DELETE
    @Path("/options/{option}")
    public ChangeView unset(@PathParam("option") String option, @QueryParam("scope") List<String> scope,
                            @Context HttpServletRequest request) {
        return config.unset(scope, option, RestActor.of(request), Origin.REST);
    }

    @Requires("config-read")
    @GET
    @Path("/history/{option}")
    public List<HistoryView> history(@PathParam("option") String option, @QueryParam("scope") List<String> scope) {
        return config.history(scope, option);
    }

    /** The folded configuration in file syntax, comments of the base kept: what {@code config writeback} would write. */
    @Requires("config-read")
    @GET
    @Path("/file")
    @Produces(MediaType.TEXT_PLAIN)
    public String file() {
        return config.file();
    }
}
