package io.ecledger.ledger.kafka;

/** A record a reader could not decode and stepped over: where it is and why. */
public record SkippedRecord(String topic, int partition, long offset, String reason) {

    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset + ": " + reason;
    }
}
