package io.ecledger.api.projection;

/**
 * Read-your-writes on the read side: a live read first waits, with a bound, until the projection has applied what
 * this manager appended, so an append can answer as soon as the ledger has the event.
 */
@FunctionalInterface
public interface OwnWrites {

    /** Returns once the projection has applied every ledger event this manager appended, or the bound has passed. */
    void await();

    /** No wait: for readers that never follow this manager's appends (tests, throwaway projections). */
    static OwnWrites none() {
        return () -> { };
    }
}
