package io.ecledger.console.client;

/** The manager could not be reached or stopped answering mid-line; the message is the one line the operator sees. */
public final class ManagerUnreachableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String endpoint;
    private final String reason;

    public ManagerUnreachableException(String endpoint, String reason, Throwable cause) {
        super("cannot reach manager at " + endpoint + ": " + reason, cause);
        this.endpoint = endpoint;
        this.reason = reason;
    }

    public String endpoint() {
        return endpoint;
    }

    public String reason() {
        return reason;
    }

    /** The exception's own message, or its kind when it has none (a bare {@code ConnectException} says nothing). */
    static String reasonOf(Throwable e) {
        String message = e.getMessage();
        if (message != null && !message.isBlank()) {
            return message;
        }
        return switch (e.getClass().getSimpleName()) {
            case "ConnectException" -> "connection refused";
            case "HttpConnectTimeoutException", "HttpTimeoutException" -> "timed out";
            case "ClosedChannelException", "AsynchronousCloseException" -> "connection closed";
            default -> e.getClass().getSimpleName();
        };
    }
}
