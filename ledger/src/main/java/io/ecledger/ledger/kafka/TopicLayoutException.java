package io.ecledger.ledger.kafka;

/** An existing topic that the ledger cannot safely use as it is. */
public final class TopicLayoutException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String topic;

    public TopicLayoutException(String topic, String message) {
        super(message);
        this.topic = topic;
    }

    /** The topic at fault. */
    public String topic() {
        return topic;
    }
}
