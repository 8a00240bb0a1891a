package io.ecledger.ledger.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads Avro's binary encoding from a byte array, accepting only what Avro's writer writes: shortest varints, booleans
 * 0 or 1, lengths within the bytes. Anything else throws {@link NotCanonical}, and the caller hands the record to Avro.
 */
final class CanonicalCursor {

    /** The body is not the canonical encoding a fast path vouches for; the caller falls back to Avro. */
    static final class NotCanonical extends Exception {
        private NotCanonical() {
            super(null, null, false, false);
        }
    }

    // thrown often on purpose-built garbage and never shown: one instance, no stack trace
    static final NotCanonical NOT_CANONICAL = new NotCanonical();

    private final byte[] bytes;
    private final int end;
    private int pos;

    CanonicalCursor(byte[] bytes, int from) {
        this.bytes = bytes;
        this.end = bytes.length;
        this.pos = from;
    }

    int position() {
        return pos;
    }

    boolean atEnd() {
        return pos == end;
    }

    // Avro reads any byte other than 1 as false and writes it back as 0
    boolean readBoolean() throws NotCanonical {
        need(1);
        int b = bytes[pos++];
        if ((b & 0xFE) != 0) {
            throw NOT_CANONICAL;
        }
        return b == 1;
    }

    int readInt() throws NotCanonical {
        long value = readVarint(5);
        if (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
            throw NOT_CANONICAL;
        }
        return (int) value;
    }

    long readLong() throws NotCanonical {
        return readVarint(10);
    }

    /** An enum symbol's or a union branch's index, refused outside {@code [0, count)}. */
    int readIndex(int count) throws NotCanonical {
        int index = readInt();
        if (index < 0 || index >= count) {
            throw NOT_CANONICAL;
        }
        return index;
    }

    /** The length of a string or bytes, then skips them. */
    void skipLengthPrefixed() throws NotCanonical {
        int length = readLength();
        pos += length;
    }

    String readString() throws NotCanonical {
        int length = readLength();
        // as Avro's Utf8.toString(): malformed sequences become U+FFFD
        String value = new String(bytes, pos, length, StandardCharsets.UTF_8);
        pos += length;
        return value;
    }

    byte[] readBytes() throws NotCanonical {
        int length = readLength();
        pos += length;
        return Arrays.copyOfRange(bytes, pos - length, pos);
    }

    byte[] readFixed(int size) throws NotCanonical {
        need(size);
        pos += size;
        return Arrays.copyOfRange(bytes, pos - size, pos);
    }

    void skip(int size) throws NotCanonical {
        need(size);
        pos += size;
    }

    /**
     * The item count of an array or map as Avro's writer puts it: one block with a positive count, or none. The
     * caller reads that many items, then {@link #endBlocks(long)}.
     */
    long readBlockCount() throws NotCanonical {
        long count = readLong();
        // every item takes at least one byte: a count past the bytes left is garbage, not a reason to allocate
        if (count < 0 || count > end - pos) {
            throw NOT_CANONICAL;
        }
        return count;
    }

    /** The zero after a non-empty block. */
    void endBlocks(long count) throws NotCanonical {
        if (count != 0 && readLong() != 0) {
            throw NOT_CANONICAL;
        }
    }

    private int readLength() throws NotCanonical {
        long length = readLong();
        if (length < 0 || length > end - pos) {
            throw NOT_CANONICAL;
        }
        return (int) length;
    }

    // zig-zag varint, refused unless in its shortest form (the only one Avro writes)
    private long readVarint(int maxBytes) throws NotCanonical {
        // most varints here are lengths and indexes under 64: one byte
        if (pos < end && bytes[pos] >= 0) {
            int b = bytes[pos++];
            return (b >>> 1) ^ -(b & 1);
        }
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
