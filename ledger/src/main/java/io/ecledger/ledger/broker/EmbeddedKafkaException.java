package io.ecledger.ledger.broker;

/** The embedded Kafka broker could not be started: a port is taken, its directory is unusable, or Kafka failed. */
public class EmbeddedKafkaException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public EmbeddedKafkaException(String message) {
        super(message);
    }

    public EmbeddedKafkaException(String message, Throwable cause) {
        super(message, cause);
    }
}
