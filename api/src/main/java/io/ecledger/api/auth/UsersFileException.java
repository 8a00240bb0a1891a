package io.ecledger.api.auth;

/** The users file cannot be used: unreadable, broken, or readable by others than its owner. */
public final class UsersFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UsersFileException(String message) {
        super(message);
    }

    public UsersFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
