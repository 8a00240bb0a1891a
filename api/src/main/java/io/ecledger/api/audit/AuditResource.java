package io.ecledger.api.audit;

import io.ecledger.api.access.Requires;
import io.ecledger.api.http.Refused;
import io.ecledger.ledger.chain.ChainVerdict;
import io.ecledger.ledger.chain.Checkpoint;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Optional;

/** {@code GET /v1/audit/verify} and {@code GET /v1/audit/checkpoints}. */
@Path("/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
public final class AuditResource {

    /**
     * A verdict as JSON: intact or where it first broke, the range checked, and the head to start a later verify from;
     * when broken, the first {@value ChainVerdict#LISTED_BREAKS} breaks, how many in all, and how many events verified
     * in all (before and after the breaks).
     */
    public record VerdictView(boolean intact, long fromOffset, long verifiedEvents, Optional<String> head,
            Optional<Long> brokenAt, Optional<String> reason, long breakCount, List<BreakView> breaks, long verifiedInAll) {

        static VerdictView of(ChainVerdict verdict) {
            Optional<String> head = verdict.head().map(Checkpoint::toString);
            if (verdict instanceof ChainVerdict.Broken) {
                ChainVerdict.Broken broken = (ChainVerdict.Broken) verdict;
                return new VerdictView(false, broken.fromOffset(), broken.verifiedEvents(), head,
                        Optional.of(broken.offset()), Optional.of(broken.reason()), broken.breakCount(),
                        broken.breaks().stream().map(each -> new BreakView(each.offset(), each.reason())).toList(),
                        broken.verifiedInAll());
            }
            return new VerdictView(true, verdict.fromOffset(), verdict.verifiedEvents(), head, Optional.empty(), Optional.empty(),
                    0, List.of(), verdict.verifiedEvents());
        }
    }

    /** One broken record: its offset and why it does not fit. */
    public record BreakView(long offset, String reason) {}

    private final AuditService audit;
    private final CheckpointDao checkpoints;

    public AuditResource(AuditService audit, CheckpointDao checkpoints) {
        this.audit = audit;
        this.checkpoints = checkpoints;
    }

    @Requires("audit")
    @GET
    @Path("/verify")
    public VerdictView verify(@QueryParam("from") @DefaultValue("start") String from) {
        if (!from.equals("start") && !from.equals("checkpoint")) {
            throw new Refused("invalid-from", "from must be 'start' or 'checkpoint', not '" + from + "'");
        }
        return VerdictView.of(audit.verify(from.equals("checkpoint")));
    }

    @Requires("audit")
    @GET
    @Path("/checkpoints")
    public List<String> checkpoints() {
        return checkpoints.recent(100).stream().map(Checkpoint::toString).toList();
    }
}
