package io.ecledger.api.http;

/** Input the manager will not act on; nothing was appended. Mapped to 400 with {@code {code, message}}. */
public final class Refused extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;

    public Refused(String code, String message) {
        super(message);
        this.code = code;
    }

    /** A stable machine-readable reason, e.g. {@code unknown-node}. */
    public String code() {
        return code;
    }
}
