package io.ecledger.ledger.codec;

import io.ecledger.ledger.event.Hash;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * The content hash of a record computed from the bytes as written: one walk over the body with the writer schema
 * finds the {@code hash} and {@code signature} fields, and SHA-256 runs over the body with those two replaced by
 * what the canonical re-encoding puts there (32 zero bytes, an empty {@code bytes}). That equals the re-encoding's hash
 * exactly when the body is what Avro's writer would write for the datum it decodes to; the walk checks that as it
 * goes (shortest varints, booleans 0 or 1, one block per array or map, nothing after the record) and gives up on
 * anything else, so the caller falls back to decoding and re-encoding and a record is judged as it always was.
 */
final class RawContentHash {

    private static final byte[] ZERO = new byte[Hash.LENGTH];
    private static final byte[] EMPTY_BYTES = {0};
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every Java platform has SHA-256", e);
        }
    });

    /** Where a writer schema puts the two fields the hash replaces, and the link; -1 for one it lacks. */
    private record Layout(List<Schema.Field> fields, int hash, int signature, int prevHash) {}

    /** What one walk found: the content hash and where the {@code hash} and {@code prevHash} fields start (-1: none). */
    record Walk(Hash content, int hashAt, int prevHashAt) {}

    private static final Map<Schema, Layout> LAYOUTS = new ConcurrentHashMap<>();

    /** Thrown by the walk when the body is not the canonical encoding this fast path vouches for. */
    private static final class NotCanonical extends Exception {
        NotCanonical() {
            super(null, null, false, false);
        }
    }

    private static final NotCanonical NOT_CANONICAL = new NotCanonical();

    private final byte[] bytes;
    private final int end;
    private int pos;

    private RawContentHash(byte[] bytes, int from) {
        this.bytes = bytes;
        this.end = bytes.length;
        this.pos = from;
    }

    /**
     * The hash of {@code encoded[from..]} with its {@code hash} field zeroed (when {@code zeroHash}) and its
     * {@code signature} emptied, or null when the body is not canonical and only a re-encoding can say.
     */
    static Hash of(Schema writer, byte[] encoded, int from, boolean zeroHash) {
        Walk walk = walk(writer, encoded, from, zeroHash);
        return walk == null ? null : walk.content();
    }

    /** As {@link #of}, also saying where the body keeps its own hash and its link: a chain check needs no more. */
    static Walk walk(Schema writer, byte[] encoded, int from, boolean zeroHash) {
        Layout layout = LAYOUTS.computeIfAbsent(writer, RawContentHash::layoutOf);
        int hashField = zeroHash ? layout.hash() : -1;
        RawContentHash walk = new RawContentHash(encoded, from);
        int hashAt = -1;
        int prevHashAt = -1;
        int signatureAt = -1;
        int signatureEnd = -1;
        try {
            List<Schema.Field> fields = layout.fields();
            for (int i = 0; i < fields.size(); i++) {
                if (i == hashField) {
                    hashAt = walk.pos;
                } else if (i == layout.prevHash()) {
                    prevHashAt = walk.pos;
                } else if (i == layout.signature()) {
                    signatureAt = walk.pos;
                }
                walk.skip(fields.get(i).schema());
                if (i == layout.signature()) {
                    signatureEnd = walk.pos;
                }
            }
            if (walk.pos != walk.end) {
                // the decoder ignores what follows the record; the re-encoding drops it
                return null;
            }
        } catch (NotCanonical e) {
            return null;
        }
        MessageDigest digest = SHA256.get();
        digest.reset();
        int at = from;
        // the two fields in the order the walk met them
        boolean hashFirst = signatureAt < 0 || (hashAt >= 0 && hashAt < signatureAt);
        if (hashFirst && hashAt >= 0) {
            at = replace(digest, encoded, at, hashAt, hashAt + Hash.LENGTH, ZERO);
        }
        if (signatureAt >= 0) {
            at = replace(digest, encoded, at, signatureAt, signatureEnd, EMPTY_BYTES);
        }
        if (!hashFirst && hashAt >= 0) {
            at = replace(digest, encoded, at, hashAt, hashAt + Hash.LENGTH, ZERO);
        }
        digest.update(encoded, at, encoded.length - at);
        return new Walk(Hash.of(digest.digest()), hashAt, prevHashAt);
    }

    private static int replace(MessageDigest digest, byte[] encoded, int at, int start, int stop, byte[] with) {
        digest.update(encoded, at, start - at);
        digest.update(with);
        return stop;
    }

    private static Layout layoutOf(Schema writer) {
        List<Schema.Field> fields = writer.getFields();
        int hash = -1;
        int signature = -1;
        int prevHash = -1;
        for (int i = 0; i < fields.size(); i++) {
            Schema.Field field = fields.get(i);
            if (field.name().equals("hash") && field.schema().getType() == Schema.Type.FIXED
                    && field.schema().getFixedSize() == Hash.LENGTH) {
                hash = i;
            } else if (field.name().equals("prevHash") && field.schema().getType() == Schema.Type.FIXED
                    && field.schema().getFixedSize() == Hash.LENGTH) {
                prevHash = i;
            } else if (field.name().equals("signature") && field.schema().getType() == Schema.Type.BYTES) {
                signature = i;
            }
        }
        return new Layout(fields, hash, signature, prevHash);
    }

    private void skip(Schema schema) throws NotCanonical {
        switch (schema.getType()) {
            case NULL -> { }
            case BOOLEAN -> {
                // Avro reads any byte other than 1 as false and writes it back as 0
                need(1);
                if ((bytes[pos++] & 0xFE) != 0) {
                    throw NOT_CANONICAL;
                }
            }
            case INT -> readInt();
            case LONG -> readLong();
            case STRING, BYTES -> {
                long length = readLong();
                if (length < 0 || length > end - pos) {
                    throw NOT_CANONICAL;
                }
                pos += (int) length;
            }
            case FIXED -> {
                need(schema.getFixedSize());
                pos += schema.getFixedSize();
            }
            case ENUM -> {
                int index = readInt();
                if (index < 0 || index >= schema.getEnumSymbols().size()) {
                    throw NOT_CANONICAL;
                }
            }
            case UNION -> {
                int index = readInt();
                if (index < 0 || index >= schema.getTypes().size()) {
                    throw NOT_CANONICAL;
                }
                skip(schema.getTypes().get(index));
            }
            case RECORD -> {
                for (Schema.Field field : schema.getFields()) {
                    skip(field.schema());
                }
            }
            case ARRAY -> blocks(schema.getElementType(), false);
            case MAP -> blocks(schema.getValueType(), true);
            // no ecledger schema has them; floating point bit patterns are not worth vouching for here
            case FLOAT, DOUBLE -> throw NOT_CANONICAL;
            default -> throw NOT_CANONICAL;
        }
    }

    // Avro's writer puts every item in one block: a positive count, the items, a zero; or just the zero
    private void blocks(Schema item, boolean keyed) throws NotCanonical {
        long count = readLong();
        if (count < 0) {
            throw NOT_CANONICAL;
        }
        if (count == 0) {
            return;
        }
        for (long i = 0; i < count; i++) {
            if (keyed) {
                skip(Schema.create(Schema.Type.STRING));
            }
            skip(item);
        }
        if (readLong() != 0) {
            throw NOT_CANONICAL;
        }
    }

    private int readInt() throws NotCanonical {
        long value = readVarint(5);
        if (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
            throw NOT_CANONICAL;
        }
        return (int) value;
    }

    private long readLong() throws NotCanonical {
        return readVarint(10);
    }

    // zig-zag varint, refused unless in its shortest form (the only one Avro writes)
    private long readVarint(int maxBytes) throws NotCanonical {
        long raw = 0;
        int shift = 0;
        for (int n = 1; ; n++) {
            need(1);
            int b = bytes[pos++] & 0xFF;
            raw |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (n > 1 && b == 0) {
                    throw NOT_CANONICAL;
                }
                if (n == 10 && b > 1) {
                    throw NOT_CANONICAL;
                }
                if (maxBytes == 5 && n == 5 && b > 0x0F) {
                    throw NOT_CANONICAL;
                }
                return (raw >>> 1) ^ -(raw & 1);
            }
            if (n == maxBytes) {
                throw NOT_CANONICAL;
            }
            shift += 7;
        }
    }

    private void need(int count) throws NotCanonical {
        if (count > end - pos) {
            throw NOT_CANONICAL;
        }
    }
}
