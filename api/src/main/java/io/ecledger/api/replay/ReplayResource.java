package io.ecledger.api.replay;

import io.ecledger.api.access.Admission;
import io.ecledger.api.access.Caller;
import io.ecledger.api.access.DecidedByCommand;
import io.ecledger.api.access.RestCaller;
import io.ecledger.api.command.CommandRequest;
import io.ecledger.api.http.Refused;
import io.ecledger.ledger.command.Command;
import io.ecledger.ledger.command.Grammar;
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
    private final Grammar grammar;
    private final Admission admission;

    public ReplayResource(ReplayService replay, Grammar grammar, Admission admission) {
        this.replay = replay;
        this.grammar = grammar;
        this.admission = admission;
    }

    @DecidedByCommand
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Replayed replay(ReplayRequest request, @Context HttpServletRequest http) {
        if (request == null) {
            throw new Refused("invalid-request", "body must be {\"from\": OFFSET, \"to\": OFFSET, \"target\": …, \"dryRun\": …}");
        }
        Command.Replay command = request.toCommand();
        Caller caller = RestCaller.of(http);
        admission.admit(caller, command, grammar.line(command));
        return replay.replay(command, caller.actor());
    }
}
