package io.ecledger.ledger.event;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** Event times are kept to the millisecond, as the Avro schemas store them, so an event equals itself after a round trip. */
final class Millis {

    private Millis() {}

    static Instant of(Instant time) {
        return Objects.requireNonNull(time, "time").truncatedTo(ChronoUnit.MILLIS);
    }
}
