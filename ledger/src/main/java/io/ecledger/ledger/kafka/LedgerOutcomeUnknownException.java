package io.ecledger.ledger.kafka;

/**
 * An append whose commit timed out: Kafka may have it or not, and says which only when it answers again (this
 * manager's next append finishes that commit; a new manager's take-over finishes or aborts it). Neither a success
 * nor a refusal, so a client looks the command up by its id instead of sending it again.
 */
public final class LedgerOutcomeUnknownException extends LedgerUnavailableException {

    private static final long serialVersionUID = 1L;

    public LedgerOutcomeUnknownException(String message, Throwable cause) {
        super(message, cause);
    }
}
