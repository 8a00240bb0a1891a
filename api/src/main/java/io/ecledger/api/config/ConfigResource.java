package io.ecledger.api.config;

import io.ecledger.api.console.RestActor;
import io.ecledger.ledger.command.Command;
import io.ecledger.ledger.command.ConfigVerb;
import io.ecledger.ledger.config.ConfigModel;
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
import java.util.Optional;

/**
 * The manager's configuration over REST. Scope words go in repeated {@code scope} query parameters, in order, as
 * the console takes them: {@code /v1/config/options/file_mode?scope=Control_Listener&scope=Listen&scope=/tmp/2025}.
 */
@Path("/v1/config")
@Produces(MediaType.APPLICATION_JSON)
public final class ConfigResource {

    /** One option at one scope: the value set exactly there and the effective one with its source. */
    public record OptionView(String scope, String option, String value, String effective, String effectiveFrom) {}

    /** What a PUT or DELETE appended. */
    public record ChangeView(long offset, String action, String scope, String option, String value) {}

    /** One change of an option, from the ledger. */
    public record HistoryView(long offset, String occurredAt, String actor, String origin, String action, String value) {}

    private final ConfigService config;

    public ConfigResource(ConfigService config) {
        this.config = config;
    }

    @GET
    @Path("/options/{option}")
    public OptionView get(@PathParam("option") String option, @QueryParam("scope") List<String> scope) {
        ConfigModel model = config.current();
        var path = refusing(() -> model.resolve(scope));
        ConfigModel.Evaluation eval = model.evaluate(path, option);
        return new OptionView(ConfigModel.describe(path), eval.option(),
                model.get(path, option).map(o -> o.value().text()).orElse(null),
                eval.value().map(v -> v.text()).orElse(null), eval.source().orElse(null));
    }

    @PUT
    @Path("/options/{option}")
    @Consumes(MediaType.TEXT_PLAIN)
    public ChangeView set(@PathParam("option") String option, @QueryParam("scope") List<String> scope, String value,
                          @Context HttpServletRequest request) {
        return view(config.change(new Command.Config(ConfigVerb.SET, scope, Optional.of(option), Optional.of(value)),
                RestActor.of(request), Origin.REST));
    }

    @DELETE
    @Path("/options/{option}")
    public ChangeView unset(@PathParam("option") String option, @QueryParam("scope") List<String> scope,
                            @Context HttpServletRequest request) {
        return view(config.change(new Command.Config(ConfigVerb.UNSET, scope, Optional.of(option), Optional.empty()),
                RestActor.of(request), Origin.REST));
    }

    @GET
    @Path("/history/{option}")
    public List<HistoryView> history(@PathParam("option") String option, @QueryParam("scope") List<String> scope) {
        var path = refusing(() -> config.current().resolve(scope));
        return config.history().stream()
                .filter(e -> e.change().option().equalsIgnoreCase(option)
                        && ConfigModel.describe(e.change().scopePath()).equalsIgnoreCase(ConfigModel.describe(path)))
                .map(e -> new HistoryView(e.offset(), e.occurredAt().toString(), e.actor(), e.origin(),
                        e.change().action().name().toLowerCase(java.util.Locale.ROOT), e.change().value().orElse(null)))
                .toList();
    }

    /** The folded configuration in file syntax, comments of the base kept: what {@code config writeback} would write. */
    @GET
    @Path("/file")
    @Produces(MediaType.TEXT_PLAIN)
    public String file() {
        return config.current().writeback();
    }

    private static ChangeView view(ConfigService.Changed changed) {
        var change = changed.change();
        return new ChangeView(changed.offset(), change.action().name().toLowerCase(java.util.Locale.ROOT),
                ConfigModel.describe(change.scopePath()), change.option(), change.value().orElse(null));
    }

    private static <T> T refusing(java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (io.ecledger.ledger.config.ConfigRefusedException e) {
            throw new io.ecledger.api.Refused(e.code(), e.getMessage());
        }
    }
}
