package io.ecledger.ledger.sign;

import java.nio.file.Path;

/** A key file cannot be created or read; names the file so an operator can fix it. */
public final class ManagerKeyException extends RuntimeException {

    private final Path file;

    public ManagerKeyException(Path file, String message, Throwable cause) {
        super(message, cause);
        this.file = file;
    }

    /** The key file at fault. */
    public Path file() {
        return file;
    }
}
