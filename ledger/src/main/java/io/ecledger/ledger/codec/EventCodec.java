package io.ecledger.ledger.codec;

import io.ecledger.ledger.event.LedgerEvent;
import io.ecledger.ledger.event.MembershipEvent;
import io.ecledger.ledger.event.NodeResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Avro single-object encoding of one kind of event: a marker, the 8-byte fingerprint of the
 * writer schema, then the body, so every record names the schema that wrote it.
 */
public final class EventCodec<D> {

    static {
        // Avro 1.12 instantiates only trusted classes by name; ours are the ones generated from schemas/
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(
                ClassSecurityValidator.getGlobal(),
                type -> type.getPackageName().equals("io.ecledger.schemas")));
    }

    /** Records of the ledger topic. */
    public static final EventCodec<LedgerEvent> LEDGER = new EventCodec<>(
            io.ecledger.schemas.LedgerEvent.getClassSchema(),
            e -> AvroMapping.toAvro(e),
            a -> AvroMapping.fromAvro((io.ecledger.schemas.LedgerEvent) a),
            CurrentLedgerEventReader::read);

    /** Records of the responses topic. */
    public static final EventCodec<NodeResponse> RESPONSES = new EventCodec<>(
            io.ecledger.schemas.NodeResponse.getClassSchema(),
            r -> AvroMapping.toAvro(r),
            a -> AvroMapping.fromAvro((io.ecledger.schemas.NodeResponse) a),
            null);

    /** Records of the membership topic. */
    public static final EventCodec<MembershipEvent> MEMBERSHIP = new EventCodec<>(
            io.ecledger.schemas.MembershipEvent.getClassSchema(),
            m -> AvroMapping.toAvro(m),
            a -> AvroMapping.fromAvro((io.ecledger.schemas.MembershipEvent) a),
            null);

    // marker (2 bytes) and schema fingerprint (8 bytes) before the Avro body
    private static final int HEADER = 10;
    private static final ThreadLocal<BinaryDecoder> DECODERS = new ThreadLocal<>();

    private final Schema schema;
    private final HistoricSchemas released;
    private final BinaryMessageEncoder<Object> encoder;
    // one reader per writer schema, resolved once; Avro's datum readers may be shared between threads
    private final Map<Schema, DatumReader<Object>> readers = new ConcurrentHashMap<>();
    private final Function<D, Object> toAvro;
    private final Function<Object, D> fromAvro;
    private final CurrentReader<D> current;
    private final long currentFingerprint;
    private final DatumReader<Object> currentAvroReader;

    /** Reads a record of the current writer schema from its body without Avro; throws when it cannot vouch for it. */
    @FunctionalInterface
    interface CurrentReader<D> {
        D read(byte[] encoded, int bodyFrom) throws CanonicalCursor.NotCanonical;
    }

    private EventCodec(Schema schema, Function<D, Object> toAvro, Function<Object, D> fromAvro,
            CurrentReader<D> current) {
        this.schema = schema;
        this.current = current;
        this.currentFingerprint = SchemaNormalization.parsingFingerprint64(schema);
        this.currentAvroReader = avroReader(schema);
        this.released = HistoricSchemas.of(schema);
        this.encoder = new BinaryMessageEncoder<>(SpecificData.get(), schema);
        this.toAvro = toAvro;
        this.fromAvro = fromAvro;
    }

    /** The schema this version writes. */
    public Schema schema() {
        return schema;
    }

    /** The writer schema of a record, found by its fingerprint among the released versions. */
    Schema writerSchemaOf(byte[] encoded) throws UndecodableRecordException {
        long fingerprint = fingerprintOf(encoded);
        if (fingerprint == currentFingerprint) {
            return schema;
        }
        Schema writer = released.findByFingerprint(fingerprint);
        if (writer == null) {
            throw new UndecodableRecordException(String.format(
                    "written with an unknown %s schema (fingerprint %016x)", schema.getName(), fingerprint), null);
        }
        return writer;
    }

    private static long fingerprintOf(byte[] encoded) throws UndecodableRecordException {
        if (encoded == null || encoded.length < HEADER || encoded[0] != (byte) 0xC3 || encoded[1] != (byte) 0x01) {
            throw new UndecodableRecordException("not an Avro single-object record (no C3 01 marker)", null);
        }
        long fingerprint = 0;
        // little-endian, as the single-object encoding writes it; read in place, once per record
        for (int i = HEADER - 1; i >= 2; i--) {
            fingerprint = (fingerprint << 8) | (encoded[i] & 0xFF);
        }
        return fingerprint;
    }

    @SuppressWarnings("unchecked")
    private DatumReader<Object> avroReader(Schema writer) {
        return (DatumReader<Object>) SpecificData.get().createDatumReader(writer, schema);
    }

    /** Encodes one event. */
    public byte[] encode(D event) {
        try {
            ByteBuffer buffer = encoder.encode(toAvro.apply(event));
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + schema.getName(), e);
        }
    }

    /** Decodes one record, written by this or any released version of the schema. */
    public D decode(byte[] encoded) throws UndecodableRecordException {
        Schema writer = writerSchemaOf(encoded);
        if (writer == schema && current != null) {
            try {
                return current.read(encoded, HEADER);
            } catch (CanonicalCursor.NotCanonical | RuntimeException e) {
                // not vouched for, or breaks a domain rule: Avro's reader below decides, and says why
            }
        }
        return decodeWithAvro(encoded, writer);
    }

    /** Decodes one record with Avro's reader for its writer schema, as every record was before the current reader. */
    D decodeWithAvro(byte[] encoded, Schema writer) throws UndecodableRecordException {
        DatumReader<Object> reader = writer == schema ? currentAvroReader
                : readers.computeIfAbsent(writer, this::avroReader);
        Object avro;
        try {
            // the header is checked above; the body read as Avro's BinaryMessageDecoder reads it, its decoder reused
            BinaryDecoder body = DecoderFactory.get().binaryDecoder(encoded, HEADER, encoded.length - HEADER, DECODERS.get());
            DECODERS.set(body);
            try {
                avro = reader.read(null, body);
            } catch (IOException e) {
                throw new AvroRuntimeException("Decoding datum failed", e);
            }
        } catch (RuntimeException e) {
            // not only Avro's own exceptions: a logical type's conversion throws what its parser throws (a uuid
            // field that is no UUID: IllegalArgumentException), and one record must never stop a reader
            throw new UndecodableRecordException("corrupt " + schema.getName() + " body: " + e, e);
        }
        try {
            return fromAvro.apply(avro);
        } catch (RuntimeException e) {
            // decodes as Avro but breaks a domain rule (empty actor, bad node name, …)
            throw new UndecodableRecordException("invalid " + schema.getName() + ": " + e.getMessage(), e);
        }
    }

    /** A Kafka serializer writing this codec's encoding. */
    public Serializer<D> serializer() {
        return (topic, event) -> event == null ? null : encode(event);
    }

    /** A Kafka deserializer; a record it cannot read fails with a {@link SerializationException} naming why. */
    public Deserializer<D> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return decode(bytes);
            } catch (UndecodableRecordException e) {
                throw new SerializationException("record on " + topic + ": " + e.getMessage(), e);
            }
        };
    }
}
