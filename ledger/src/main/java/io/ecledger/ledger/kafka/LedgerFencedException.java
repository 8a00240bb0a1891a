package io.ecledger.ledger.kafka;

import java.time.Instant;

/**
 * This manager's ledger producer was fenced: another manager opened the ledger with the same transactional id, so this
 * one appends nothing more, for good. A restart makes it the writer again (and fences the other).
 */
public final class LedgerFencedException extends LedgerUnavailableException {

    private static final long serialVersionUID = 1L;

    /** What a refused send answers, on every door. */
    public static final String MESSAGE = "another manager has taken over the ledger";

    private final String transactionalId;
    private final Instant fencedAt;

    public LedgerFencedException(String transactionalId, Instant fencedAt, Throwable cause) {
        super(MESSAGE, cause);
        this.transactionalId = transactionalId;
        this.fencedAt = fencedAt;
    }

    /** The transactional id the other manager now holds. */
    public String transactionalId() {
        return transactionalId;
    }

    /** When this manager found out. */
    public Instant fencedAt() {
        return fencedAt;
    }
}
