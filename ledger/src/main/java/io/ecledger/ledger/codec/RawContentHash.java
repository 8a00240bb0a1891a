package io.ecledger.ledger.codec;

import io.ecledger.ledger.codec.CanonicalCursor.NotCanonical;
import io.ecledger.ledger.event.Hash;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
    private record Layout(Schema writer, SchemaSkip[] fields, int hash, int signature, int prevHash) {}

    /** What one walk found: the content hash and where the {@code hash} and {@code prevHash} fields start (-1: none). */
    record Walk(Hash content, int hashAt, int prevHashAt) {}

    private static final Map<Schema, Layout> LAYOUTS = new ConcurrentHashMap<>();
    // nearly every record of a walk has the writer schema of the one before; a map lookup hashes the whole schema
    private static volatile Layout last;

    private RawContentHash() {}

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
        CanonicalCursor in = new CanonicalCursor(encoded, from);
        int hashAt = -1;
        int prevHashAt = -1;
        int signatureAt = -1;
        int signatureEnd = -1;
        try {
            SchemaSkip[] fields = layout.fields();
            for (int i = 0; i < fields.length; i++) {
                if (i == hashField) {
                    hashAt = in.position();
                } else if (i == layout.prevHash()) {
                    prevHashAt = in.position();
                } else if (i == layout.signature()) {
                    signatureAt = in.position();
                }
                fields[i].over(in);
                if (i == layout.signature()) {
                    signatureEnd = in.position();
                }
            }
            if (!in.atEnd()) {
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
        java.util.List<Schema.Field> fields = writer.getFields();
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
        return new Layout(writer, SchemaSkip.ofFields(writer), hash, signature, prevHash);
    }
}
