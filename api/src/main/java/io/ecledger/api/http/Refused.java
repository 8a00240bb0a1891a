package io.ecledger.api.http;

import java.util.Optional;

/**
 * Input the manager will not act on (or not now); nothing was appended. Mapped to its status (400 unless said otherwise) with
 * {@code {code, message}}, plus {@code rule} when the command policy refused it.
 */
public final class Refused extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;
    private final int status;
    private final String rule;

    public Refused(String code, String message) {
        this(400, code, message, null);
    }

    private Refused(int status, String code, String message, String rule) {
        super(message);
        this.code = code;
        this.status = status;
        this.rule = rule;
    }

    /** The command policy's rule {@code rule} does not let the caller run it: 403, code {@code forbidden}. */
    public static Refused forbidden(String rule, String message) {
        return new Refused(403, "forbidden", message, rule);
    }

    /** The manager cannot act on it just now, for a reason of its own (its views stale): 503, try again. */
    public static Refused unavailable(String code, String message) {
        return new Refused(503, code, message, null);
    }

    /** A stable machine-readable reason, e.g. {@code unknown-node}. */
    public String code() {
        return code;
    }

    /** The HTTP status REST answers with: 400, 403 for {@link #forbidden}, 503 for {@link #unavailable}. */
    public int status() {
        return status;
    }

    /** The policy rule that refused, for {@link #forbidden} refusals. */
    public Optional<String> rule() {
        return Optional.ofNullable(rule);
    }
}
