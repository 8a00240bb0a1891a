package io.ecledger.ledger.command;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/** A point in the ledger a read view is asked "as of": {@code --at OFFSET} or {@code --at ISO-8601-TIME}. */
public sealed interface AsOf permits AsOf.Offset, AsOf.Time {

    /** The state right after ledger event {@code offset} was applied. */
    record Offset(long offset) implements AsOf {
        public Offset {
            if (offset < 0) {
                throw new IllegalArgumentException("a ledger offset must not be negative, not " + offset);
            }
        }

        @Override
        public String text() {
            return String.valueOf(offset);
        }
    }

    /** The state made of every record stamped no later than {@code time}. */
    record Time(Instant time) implements AsOf {
        public Time {
            Objects.requireNonNull(time, "time");
        }

        @Override
        public String text() {
            return time.toString();
        }
    }

    /** How the point is written after {@code --at}. */
    String text();

    /** A ledger offset (digits) or an ISO-8601 time with a zone or offset ({@code 2026-11-25T10:00:00Z}). */
    static AsOf parse(String text) {
        if (text.matches("\\d{1,18}")) {
            return new Offset(Long.parseLong(text));
        }
        try {
            return new Time(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is neither a ledger offset nor an ISO-8601 time "
                    + "such as 2026-11-25T10:00:00Z");
        }
    }
}
