package io.ecledger.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecledger.ledger.kafka.LedgerFencedException;
import io.ecledger.ledger.kafka.LedgerOutcomeUnknownException;
import io.ecledger.ledger.kafka.LedgerUnavailableException;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LedgerUnavailableMapperTest {

    private final LedgerUnavailableMapper mapper = new LedgerUnavailableMapper();

    @Test
    void aRefusedAppendIs503LedgerUnavailable() {
        assertThat(answer(new LedgerUnavailableException("the ledger did not take command x", null)))
                .containsEntry("code", "ledger-unavailable").containsEntry("message", "the ledger did not take command x");
    }

    @Test
    void aCommitThatTimedOutIs503LedgerOutcomeUnknownSoTheClientLooksItUpInsteadOfSendingItAgain() {
        assertThat(answer(new LedgerOutcomeUnknownException("the ledger may yet take command x", null)))
                .containsEntry("code", "ledger-outcome-unknown");
    }

    @Test
    void aFencedManagerIs503LedgerFenced() {
        assertThat(answer(new LedgerFencedException("t.manager", Instant.EPOCH, null)))
                .containsEntry("code", "ledger-fenced").containsEntry("message", LedgerFencedException.MESSAGE);
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> answer(LedgerUnavailableException e) {
        Response response = mapper.toResponse(e);
        assertThat(response.getStatus()).isEqualTo(503);
        return (Map<String, String>) response.getEntity();
    }
}
