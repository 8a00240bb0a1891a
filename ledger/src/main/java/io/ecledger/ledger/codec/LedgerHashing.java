package io.ecledger.ledger.codec;

import io.ecledger.ledger.event.Hash;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/**
 * The content hash of a ledger record: SHA-256 of its body encoded with the schema that wrote it,
 * the {@code hash} field zeroed and the {@code signature} (which signs the hash) emptied; the
 * signing key's fingerprint is hashed like any other field. Using the writer schema, not the current one, keeps old
 * records' hashes valid after the schema evolves.
 */
public final class LedgerHashing {

    private static final byte[] ZERO = new byte[Hash.LENGTH];
    // marker (2 bytes) and schema fingerprint (8 bytes) before the Avro body
    private static final int SINGLE_OBJECT_HEADER = 10;

    private LedgerHashing() {}

    /**
     * The hash of an event this version is about to append: its encoding with the {@code hash}
     * field still zero and no signature yet is already what {@link #contentHash} rebuilds, so hash
     * the body directly.
     */
    public static Hash draftHash(byte[] encodedDraft) {
        return Hash.sha256(encodedDraft, SINGLE_OBJECT_HEADER, encodedDraft.length - SINGLE_OBJECT_HEADER);
    }

    /** The hash a ledger record must carry in its own {@code hash} field. */
    public static Hash contentHash(byte[] encoded) throws UndecodableRecordException {
        return canonicalHash(EventCodec.LEDGER, encoded, true);
    }

    /** The fast path's walk over a ledger record as written, or null when only decoding it can say what it holds. */
    static RawContentHash.Walk contentWalk(byte[] encoded) throws UndecodableRecordException {
        return RawContentHash.walk(EventCodec.LEDGER.writerSchemaOf(encoded), encoded, SINGLE_OBJECT_HEADER, true);
    }

    /**
     * The hash a node's signature covers on a response or membership record: the record re-encoded with the
     * schema that wrote it and its {@code signature} emptied (it has no {@code hash} field to zero).
     */
    public static Hash signedHash(EventCodec<?> codec, byte[] encoded) throws UndecodableRecordException {
        return canonicalHash(codec, encoded, false);
    }

    private static Hash canonicalHash(EventCodec<?> codec, byte[] encoded, boolean zeroHash) throws UndecodableRecordException {
        Schema writer = codec.writerSchemaOf(encoded);
        Hash fast = RawContentHash.of(writer, encoded, SINGLE_OBJECT_HEADER, zeroHash);
        if (fast != null) {
            return fast;
        }
        return reencodedHash(writer, encoded, zeroHash);
    }

    /** The hash by decoding the body and encoding it again: the definition, for bodies the fast path cannot vouch for. */
    static Hash reencodedHash(Schema writer, byte[] encoded, boolean zeroHash) throws UndecodableRecordException {
        GenericRecord record;
        try {
            record = new GenericDatumReader<GenericRecord>(writer)
                    .read(null, DecoderFactory.get().binaryDecoder(encoded, SINGLE_OBJECT_HEADER, encoded.length - SINGLE_OBJECT_HEADER, null));
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | NegativeArraySizeException e) {
            throw new UndecodableRecordException("corrupt " + writer.getName() + " body: " + e, e);
        }
        if (zeroHash) {
            record.put("hash", new GenericData.Fixed(writer.getField("hash").schema(), ZERO));
        }
        if (writer.getField("signature") != null) {
            // the signature is made over the hash, so the hash cannot cover it; records from before signing have none
            record.put("signature", ByteBuffer.allocate(0));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(encoded.length);
        try {
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new GenericDatumWriter<GenericRecord>(writer).write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] body = out.toByteArray();
        return Hash.sha256(body, 0, body.length);
    }
}
