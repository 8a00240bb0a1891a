package io.ecledger.ledger.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecledger.ledger.event.Events;
import io.ecledger.ledger.event.Hash;
import io.ecledger.ledger.event.LedgerEvent;
import io.ecledger.ledger.event.NodeResponse;
import io.ecledger.ledger.event.NodeStatus;
import io.ecledger.ledger.event.Payload;
import io.ecledger.ledger.event.ResultsFlushed;
import io.ecledger.ledger.event.Seal;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

class RawContentHashTest {

    private static final int HEADER = 10;

    static List<byte[]> ledgerRecords() {
        List<Payload> payloads = List.of(Events.broadcast("version"), Events.configSet(), Events.configUnset(),
                new ResultsFlushed(Optional.of("maintenance")), ResultsFlushed.now(),
                new io.ecledger.ledger.event.KeyRotated("SHA256:" + "A".repeat(43), "MCowBQYDK2VwAyEA" + "B".repeat(43) + "="),
                Events.keyDecided("rh52bare"), Events.denied("shutdown"), Events.policyLoaded("roles:\n  viewer: [history]\n"));
        List<byte[]> records = new ArrayList<>();
        for (Payload payload : payloads) {
            LedgerEvent event = Events.event(payload);
            records.add(EventCodec.LEDGER.encode(event));
            records.add(EventCodec.LEDGER.encode(event.withSeal(Seal.of("SHA256:" + "A".repeat(43), new byte[64]))));
        }
        return records;
    }

    @Test
    void theHashOfTheBytesAsWrittenIsTheHashOfTheirReencoding() throws Exception {
        for (byte[] record : ledgerRecords()) {
            Schema writer = EventCodec.LEDGER.writerSchemaOf(record);
            assertThat(RawContentHash.of(writer, record, HEADER, true))
                    .isNotNull()
                    .isEqualTo(LedgerHashing.reencodedHash(writer, record, true));
        }
    }

    @Test
    void aResponseHashesWithItsSignatureEmptiedAsBefore() throws Exception {
        NodeResponse response = Events.response("rh52bare", NodeStatus.OK);
        byte[] record = EventCodec.RESPONSES.encode(response.withSeal(Seal.of("SHA256:" + "A".repeat(43), new byte[64])));
        Schema writer = EventCodec.RESPONSES.writerSchemaOf(record);
        assertThat(RawContentHash.of(writer, record, HEADER, false))
                .isNotNull()
                .isEqualTo(LedgerHashing.reencodedHash(writer, record, false));
    }

    @Test
    void recordsOfEveryReleasedLedgerSchemaHashAsTheirReencoding() throws Exception {
        byte[] current = EventCodec.LEDGER.encode(Events.event(Events.broadcast("version")));
        Schema now = EventCodec.LEDGER.schema();
        int versions = 0;
        for (int version = 1; ; version++) {
            var in = getClass().getResourceAsStream("/io/ecledger/schemas/history/LedgerEvent/v" + version + ".avsc");
            if (in == null) {
                break;
            }
            Schema old = new Schema.Parser().parse(in);
            // the same command as that version wrote it
            GenericRecord record = new GenericDatumReader<GenericRecord>(now, old)
                    .read(null, DecoderFactory.get().binaryDecoder(current, HEADER, current.length - HEADER, null));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(current, 0, HEADER);
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new GenericDatumWriter<GenericRecord>(old).write(record, encoder);
            encoder.flush();
            byte[] written = out.toByteArray();
            assertThat(RawContentHash.of(old, written, HEADER, true))
                    .isNotNull()
                    .isEqualTo(LedgerHashing.reencodedHash(old, written, true));
            versions++;
        }
        assertThat(versions).isGreaterThanOrEqualTo(4);
    }

    @Test
    void aBodyAvroWouldNotWriteIsLeftToTheReencoding() throws Exception {
        byte[] record = EventCodec.LEDGER.encode(Events.event(Events.broadcast("version")));
        Schema writer = EventCodec.LEDGER.writerSchemaOf(record);
        byte[] trailing = java.util.Arrays.copyOf(record, record.length + 1);
        assertThat(RawContentHash.of(writer, trailing, HEADER, true)).isNull();
        assertThat(LedgerHashing.contentHash(trailing)).isEqualTo(LedgerHashing.contentHash(record));

        // the eventId's length (36) as a two-byte varint: the same datum, not the bytes Avro writes
        byte[] padded = new byte[record.length + 1];
        System.arraycopy(record, 0, padded, 0, HEADER);
        padded[HEADER] = (byte) (record[HEADER] | 0x80);
        padded[HEADER + 1] = 0;
        System.arraycopy(record, HEADER + 1, padded, HEADER + 2, record.length - HEADER - 1);
        assertThat(RawContentHash.of(writer, padded, HEADER, true)).isNull();
        Hash reencoded = LedgerHashing.contentHash(padded);
        assertThat(reencoded).isEqualTo(LedgerHashing.contentHash(record));
    }

    @Test
    void aTruncatedBodyIsLeftToTheReencoding() throws Exception {
        byte[] record = EventCodec.LEDGER.encode(Events.event(Events.broadcast("version")));
        Schema writer = EventCodec.LEDGER.writerSchemaOf(record);
        assertThat(RawContentHash.of(writer, java.util.Arrays.copyOf(record, record.length - 5), HEADER, true)).isNull();
    }
}
