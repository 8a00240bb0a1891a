package io.ecledger.ledger.config;

/** Something wrong with a configuration file or a configuration change; the message is for the operator. */
public abstract class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ConfigException(String message) {
        super(message);
    }
}
