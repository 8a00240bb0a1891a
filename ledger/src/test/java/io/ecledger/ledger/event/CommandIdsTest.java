package io.ecledger.ledger.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CommandIdsTest {

    @Test
    void anIdIsAVersion7UuidThatBeginsWithItsMillisecond() {
        long millis = Instant.parse("2026-12-03T19:30:00.123Z").toEpochMilli();

        UUID id = CommandIds.at(millis);

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(millis);
        assertThat(id.toString()).startsWith(String.format("%08x-%04x-7", millis >>> 16, millis & 0xFFFF));
    }

    @Test
    void idsMadeInLaterMillisecondsSortAfterEarlierOnesAndNoneRepeats() {
        long start = Instant.parse("2026-12-03T19:30:00Z").toEpochMilli();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(CommandIds.at(start + i / 10));
        }
        for (int i = 10; i < ids.size(); i++) {
            // the first ten are the same millisecond, in random order among themselves
            assertThat(ids.get(i)).isGreaterThan(ids.get(i / 10 * 10 - 1));
        }
        assertThat(new HashSet<>(ids)).hasSize(ids.size());
    }
}
