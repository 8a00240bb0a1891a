package io.ecledger.ledger.kafka;

/**
 * The ledger could not be read or appended to: Kafka unreachable, timed out, or refused the write; or, as
 * {@link LedgerFencedException}, another manager has taken it over.
 */
public class LedgerUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LedgerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
