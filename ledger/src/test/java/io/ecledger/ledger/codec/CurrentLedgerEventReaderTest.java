package io.ecledger.ledger.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecledger.ledger.event.LedgerEvent;
import io.ecledger.ledger.event.Payload;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CurrentLedgerEventReaderTest {

    private static final int BODY = 10;

    @Test
    void everyKindOfEventIsReadWithoutAvroAsAvroReadsIt() throws Exception {
        List<LedgerEvent> samples = LedgerEventSamples.all();
        assertThat(samples.stream().map(e -> e.payload().getClass()).collect(Collectors.toSet()))
                .isEqualTo(Set.of(Payload.class.getPermittedSubclasses()));
        for (LedgerEvent sample : samples) {
            byte[] encoded = EventCodec.LEDGER.encode(sample);

            LedgerEvent read = CurrentLedgerEventReader.read(encoded, BODY);

            assertThat(read).isEqualTo(sample).isEqualTo(avro(encoded));
        }
    }

    @Test
    void aDamagedRecordIsJudgedAsAvroAloneJudgesIt() {
        for (LedgerEvent sample : LedgerEventSamples.all()) {
            byte[] encoded = EventCodec.LEDGER.encode(sample);
            for (int at = BODY; at < encoded.length; at++) {
                int[] replacements = {0x00, 0x01, 0x02, 0x7F, 0x80, 0xFF, encoded[at] ^ 0x01, encoded[at] ^ 0x40};
                for (int with : replacements) {
                    byte[] damaged = encoded.clone();
                    damaged[at] = (byte) with;
                    assertThat(outcome(damaged)).as("byte %d of %s set to %02x", at, sample, with)
                            .isEqualTo(avroOutcome(damaged));
                }
            }
        }
    }

    @Test
    void aTruncatedOrPaddedRecordIsJudgedAsAvroAloneJudgesIt() {
        for (LedgerEvent sample : LedgerEventSamples.all()) {
            byte[] encoded = EventCodec.LEDGER.encode(sample);
            for (int length = BODY; length < encoded.length; length++) {
                byte[] truncated = Arrays.copyOf(encoded, length);
                assertThat(outcome(truncated)).as("%s cut to %d bytes", sample, length)
                        .isEqualTo(avroOutcome(truncated));
            }
            // Avro's reader ignores bytes after the record; the reader leaves such a record to it
            byte[] padded = Arrays.copyOf(encoded, encoded.length + 3);
            assertThat(outcome(padded)).isEqualTo(avroOutcome(padded)).isEqualTo(sample);
        }
    }

    private static LedgerEvent avro(byte[] encoded) throws UndecodableRecordException {
        return EventCodec.LEDGER.decodeWithAvro(encoded, EventCodec.LEDGER.schema());
    }

    private static Object outcome(byte[] encoded) {
        try {
            return EventCodec.LEDGER.decode(encoded);
        } catch (UndecodableRecordException e) {
            return "refused: " + e.getMessage();
        }
    }

    private static Object avroOutcome(byte[] encoded) {
        try {
            return avro(encoded);
        } catch (UndecodableRecordException e) {
            return "refused: " + e.getMessage();
        }
    }
}
