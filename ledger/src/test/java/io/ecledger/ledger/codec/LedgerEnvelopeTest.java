package io.ecledger.ledger.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecledger.ledger.event.Events;
import io.ecledger.ledger.event.LedgerEvent;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LedgerEnvelopeTest {

    @Test
    void theEnvelopeReadFromTheBytesIsWhatDecodingTheRecordGives() throws Exception {
        for (byte[] record : RawContentHashTest.ledgerRecords()) {
            assertThat(LedgerEnvelope.of(record)).isEqualTo(HashedEvent.of(record).envelope());
        }
    }

    @Test
    void aRecordEditedAfterItWasHashedIsNotSound() throws Exception {
        LedgerEvent draft = Events.event(Events.broadcast("version"));
        byte[] record = EventCodec.LEDGER.encode(draft.withHash(LedgerHashing.draftHash(EventCodec.LEDGER.encode(draft))));
        assertThat(LedgerEnvelope.of(record).sound()).isTrue();
        int at = indexOf(record, "version".getBytes(StandardCharsets.UTF_8));
        record[at] = 'V';

        LedgerEnvelope envelope = LedgerEnvelope.of(record);

        assertThat(envelope.sound()).isFalse();
        assertThat(envelope.mismatch()).startsWith("hash " + envelope.hash() + " does not match its content");
    }

    @Test
    void aBodyTheFastPathCannotVouchForIsJudgedByDecodingIt() throws Exception {
        byte[] written = EventCodec.LEDGER.encode(Events.event(Events.broadcast("version")));
        // the decoder ignores what follows the record, the walk does not
        byte[] trailing = Arrays.copyOf(written, written.length + 1);

        assertThat(LedgerEnvelope.of(trailing)).isEqualTo(HashedEvent.of(trailing).envelope());
    }

    @Test
    void garbageIsNoLedgerEvent() {
        assertThatThrownBy(() -> LedgerEnvelope.of("garbage".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UndecodableRecordException.class);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }
}
