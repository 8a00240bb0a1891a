package io.ecledger.api.replay;

import io.ecledger.api.command.CommandRequest;
import io.ecledger.api.http.Refused;
import io.ecledger.api.http.RestActor;
import io.ecledger.ledger.command.Command;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;

/** {@code POST /v1/replay}: re-issue the commands of a ledger range, or with {@code dryRun} show what would go. */
@Path("/v1/replay")
@Produces(MediaType.APPLICATION_JSON)
public final class ReplayResource {

    /** {@code {"from": 3, "to": 9, "target": {"node": "rh52bare"}, "dryRun": true}}; {@code to} and {@code target} optional. */
    public record ReplayRequest(Long from, Long to, CommandRequest.TargetRequest target, boolean dryRun) {

        Command.Replay toCommand() {
            if (from == null) {
                throw new Refused("invalid-request", "body must be {\"from\": OFFSET, \"to\": OFFSET, \"target\": …, \"dryRun\": …}");
            }
            long last = to == null ? from : to;
            if (from < 0 || last < from) {
                throw new Refused("invalid-range", "ledger range " + from + ".." + last + " is not a range of offsets");
            }
            return new Command.Replay(from, last, Optional.ofNullable(target).map(CommandRequest.TargetRequest::toTarget), dryRun);
        }
    }

    private final ReplayService replay;

    public ReplayResource(ReplayService replay) {
        this.replay = replay;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Replayed replay(ReplayRequest request, @Context HttpServletRequest http) {
        if (request == null) {
            throw new Refused("invalid-request", "body must be {\"from\": OFFSET, \"to\": OFFSET, \"target\": …, \"dryRun\": …}");
        }
        return replay.replay(request.toCommand(), RestActor.of(http));
    }
}
