package io.ecledger.ledger.policy;

/** A policy text that cannot be used; the message names what is wrong and where. */
public final class PolicyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PolicyException(String message) {
        super(message);
    }

    public PolicyException(String message, Throwable cause) {
        super(message, cause);
    }
}
