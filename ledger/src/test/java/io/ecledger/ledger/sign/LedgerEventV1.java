package io.ecledger.ledger.sign;

import io.ecledger.ledger.codec.EventCodec;
import io.ecledger.ledger.codec.LedgerHashing;
import io.ecledger.ledger.event.Hash;
import io.ecledger.ledger.event.LedgerEvent;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/** Writes ledger records as a release before signing did: the released v1 schema, no seal fields. */
final class LedgerEventV1 {

    private static final Schema V1 = parse();

    private LedgerEventV1() {}

    /** {@code draft} chained and hashed as v1 wrote it. */
    static byte[] encode(LedgerEvent draft) throws Exception {
        byte[] current = EventCodec.LEDGER.encode(draft.withHash(Hash.ZERO));
        GenericRecord record = new GenericDatumReader<GenericRecord>(EventCodec.LEDGER.schema(), V1)
                .read(null, DecoderFactory.get().binaryDecoder(current, 10, current.length - 10, null));
        byte[] draftBytes = write(record);
        Hash hash = LedgerHashing.draftHash(draftBytes);
        record.put("hash", new GenericData.Fixed(V1.getField("hash").schema(), hash.bytes()));
        return write(record);
    }

    private static byte[] write(GenericRecord record) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xC3);
        out.write(0x01);
        out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(SchemaNormalization.parsingFingerprint64(V1)).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(V1).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static Schema parse() {
        try (InputStream in = LedgerEventV1.class.getResourceAsStream("/io/ecledger/schemas/history/LedgerEvent/v1.avsc")) {
            return new Schema.Parser().parse(in);
        } catch (Exception e) {
            throw new AssertionError("the schemas jar carries LedgerEvent v1", e);
        }
    }
}
