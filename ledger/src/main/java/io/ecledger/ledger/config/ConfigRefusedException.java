package io.ecledger.ledger.config;

/** A configuration command that will not be acted on (unknown scope, wrong-typed value…); nothing was changed. */
public final class ConfigRefusedException extends ConfigException {

    private static final long serialVersionUID = 1L;

    private final String code;

    public ConfigRefusedException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** A stable machine-readable reason, e.g. {@code unknown-scope}, {@code invalid-value}. */
    public String code() {
        return code;
    }
}
