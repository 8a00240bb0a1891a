package io.ecledger.ledger.codec;

import io.ecledger.ledger.codec.CanonicalCursor.NotCanonical;
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
    private record Layout(Schema writer, List<Schema.Field> fields, int hash, int signature, int prevHash) {}

    /** What one walk found: the content hash and where the {@code hash} and {@code prevHash} fields start (-1: none). */
    record Walk(Hash content, int hashAt, int prevHashAt) {}

    private static final Map<Schema, Layout> LAYOUTS = new ConcurrentHashMap<>();
    // nearly every record of a walk has the writer schema of the one before; a map lookup hashes the whole schema
    private static volatile Layout last;

    private final CanonicalCursor in;

    private RawContentHash(byte[] bytes, int from) {
        this.in = new CanonicalCursor(bytes, from);
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
        Layout layout = layoutOf(writer);
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
                    hashAt = walk.in.position();
                } else if (i == layout.prevHash()) {
                    prevHashAt = walk.in.position();
                } else if (i == layout.signature()) {
                    signatureAt = walk.in.position();
                }
                walk.skip(fields.get(i).schema());
                if (i == layout.signature()) {
                    signatureEnd = walk.in.position();
                }
            }
            if (!walk.in.atEnd()) {
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
        Layout layout = last;
        if (layout == null || layout.writer() != writer) {
            layout = LAYOUTS.computeIfAbsent(writer, RawContentHash::findLayout);
            last = layout;
        }
        return layout;
    }

    private static Layout findLayout(Schema writer) {
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
        return new Layout(writer, fields, hash, signature, prevHash);
    }

    private void skip(Schema schema) throws NotCanonical {
        switch (schema.getType()) {
            case NULL -> { }
            case BOOLEAN -> in.readBoolean();
            case INT -> in.readInt();
            case LONG -> in.readLong();
            case STRING, BYTES -> in.skipLengthPrefixed();
            case FIXED -> in.skip(schema.getFixedSize());
            case ENUM -> in.readIndex(schema.getEnumSymbols().size());
            case UNION -> skip(schema.getTypes().get(in.readIndex(schema.getTypes().size())));
            case RECORD -> {
                for (Schema.Field field : schema.getFields()) {
                    skip(field.schema());
                }
            }
            case ARRAY -> blocks(schema.getElementType(), false);
            case MAP -> blocks(schema.getValueType(), true);
            // no ecledger schema has them; floating point bit patterns are not worth vouching for here
            case FLOAT, DOUBLE -> throw CanonicalCursor.NOT_CANONICAL;
            default -> throw CanonicalCursor.NOT_CANONICAL;
        }
    }

    // Avro's writer puts every item in one block: a positive count, the items, a zero; or just the zero
    private void blocks(Schema item, boolean keyed) throws NotCanonical {
        long count = in.readBlockCount();
        for (long i = 0; i < count; i++) {
            if (keyed) {
                in.skipLengthPrefixed();
            }
            skip(item);
        }
        in.endBlocks(count);
    }
}
