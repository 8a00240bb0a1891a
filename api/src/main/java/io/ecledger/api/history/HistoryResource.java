package io.ecledger.api.history;

import io.ecledger.api.access.Requires;
import io.ecledger.api.http.Refused;
import io.ecledger.ledger.command.HistoryFilter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/history?actor=…&since=…} and {@code GET /v1/history/{offset}}. Query parameters are the console
 * filters without their dashes ({@code broadcast} and {@code oldest-first} take {@code true}), checked by the same
 * rules.
 */
@Path("/v1/history")
@Produces(MediaType.APPLICATION_JSON)
public final class HistoryResource {

    private final HistoryService history;
    private final Clock clock;

    public HistoryResource(HistoryService history, Clock clock) {
        this.history = history;
        this.clock = clock;
    }

    @Requires("history")
    @GET
    public HistoryPage list(@Context UriInfo uri) {
        HistoryFilter.Builder filter = new HistoryFilter.Builder();
        try {
            for (Map.Entry<String, List<String>> parameter : uri.getQueryParameters().entrySet()) {
                String flag = "--" + parameter.getKey();
                for (String value : parameter.getValue()) {
                    if (HistoryFilter.SWITCHES.contains(flag)) {
                        if (!value.equals("true") && !value.equals("false")) {
                            throw new IllegalArgumentException(parameter.getKey() + " must be true or false, not '" + value + "'");
                        }
                        if (value.equals("true")) {
                            filter.set(flag, null);
                        }
                    } else {
                        filter.set(flag, value);
                    }
                }
            }
            return history.list(filter.build(), clock.instant());
        } catch (IllegalArgumentException e) {
            throw new Refused("invalid-filter", e.getMessage().replaceFirst("^--", ""));
        }
    }

    @Requires("history")
    @GET
    @Path("/{offset}")
    public HistoryRecord show(@PathParam("offset") String offset) {
        if (!offset.matches("\\d{1,18}")) {
            throw new Refused("invalid-offset", "'" + offset + "' is not a ledger offset");
        }
        return history.show(Long.parseLong(offset), clock.instant())
                .orElseThrow(() -> new NotFoundException("no command, flush or config change at ledger offset " + offset));
    }
}
