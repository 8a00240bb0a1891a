package io.ecledger.api.projection;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Optional;
import java.util.Set;

/**
 * Why H2 could not take a batch when the trouble is the store and not the batch (a full disk, a database H2 closed
 * after a failed write): the same batch can be written once the store is fixed, so the projection retries it rather
 * than stopping. {@code reason} is the innermost cause, the one an operator can act on.
 */
public record StoreTrouble(String reason) {

    // H2's codes DATABASE_ALREADY_OPEN (reopened while the closed one still lets go of its file), IO_EXCEPTION_2,
    // IO_EXCEPTION_1, DATABASE_IS_CLOSED and DATABASE_CALLED_AT_SHUTDOWN ("already closed"); FILE_CORRUPTED is not
    // one: that needs a person
    private static final Set<Integer> H2_STORE_CODES = Set.of(90020, 90028, 90031, 90098, 90121);

    public StoreTrouble {
        if (reason.isBlank()) {
            throw new IllegalArgumentException("a store trouble needs a reason");
        }
    }

    /** The store trouble behind {@code failure}, if it is one; a batch H2 refuses for its data is not. */
    public static Optional<StoreTrouble> of(Throwable failure) {
        boolean store = false;
        Throwable innermost = failure;
        for (Throwable cause = failure; cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            innermost = cause;
            if (cause instanceof IOException || cause instanceof SQLTransientException
                    || cause instanceof SQLRecoverableException
                    || cause instanceof SQLException sql && (H2_STORE_CODES.contains(sql.getErrorCode())
                            || sql.getSQLState() != null && sql.getSQLState().startsWith("08"))) {
                store = true;
            }
        }
        if (!store) {
            return Optional.empty();
        }
        String message = innermost.getMessage();
        return Optional.of(new StoreTrouble(message == null || message.isBlank() ? innermost.getClass().getName()
                : message + " (" + innermost.getClass().getSimpleName() + ")"));
    }
}
