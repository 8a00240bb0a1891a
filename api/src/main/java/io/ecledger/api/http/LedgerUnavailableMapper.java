package io.ecledger.api.http;

import io.ecledger.ledger.kafka.LedgerFencedException;
import io.ecledger.ledger.kafka.LedgerOutcomeUnknownException;
import io.ecledger.ledger.kafka.LedgerUnavailableException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Map;

/**
 * Kafka unreachable or refusing a write: 503 with {@code {code, message}}, so a client knows to retry rather than fix its
 * input; {@code ledger-fenced} when another manager has taken the ledger over, so the client goes to that one;
 * {@code ledger-outcome-unknown} when the commit timed out, so the client looks the command up before sending it again.
 */
public final class LedgerUnavailableMapper implements ExceptionMapper<LedgerUnavailableException> {

    @Override
    public Response toResponse(LedgerUnavailableException e) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("code", code(e), "message", e.getMessage()))
                .build();
    }

    private static String code(LedgerUnavailableException e) {
        if (e instanceof LedgerFencedException) {
            return "ledger-fenced";
        }
        return e instanceof LedgerOutcomeUnknownException ? "ledger-outcome-unknown" : "ledger-unavailable";
    }
}
