package io.ecledger.ledger.event;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/** A SHA-256 digest, the link of the ledger's hash chain. */
public final class Hash {

    /** Length of a SHA-256 digest in bytes. */
    public static final int LENGTH = 32;

    /** The predecessor of the first ledger event. */
    public static final Hash ZERO = new Hash(new byte[LENGTH]);

    private final byte[] bytes;
    // a chain walk keys a map of recent events by hash: computed once per hash, 0 until then
    private int hashCode;

    private Hash(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Wraps a copy of {@code bytes}, which must be 32 long. */
    public static Hash of(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a SHA-256 hash has 32 bytes, not " + bytes.length);
        }
        return new Hash(bytes.clone());
    }

    /** Wraps a copy of the 32 bytes at {@code data[offset..]}: one copy where a record's bytes hold a hash. */
    public static Hash copyOf(byte[] data, int offset) {
        if (offset < 0 || data.length - offset < LENGTH) {
            throw new IllegalArgumentException("no 32-byte hash at offset " + offset + " of " + data.length + " bytes");
        }
        return new Hash(java.util.Arrays.copyOfRange(data, offset, offset + LENGTH));
    }

    /** SHA-256 of {@code data[offset, offset + length)}. */
    public static Hash sha256(byte[] data, int offset, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(data, offset, length);
            return new Hash(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every Java platform has SHA-256", e);
        }
    }

    /** A copy of the digest. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The digest in lower-case hex. */
    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Hash && Arrays.equals(bytes, ((Hash) other).bytes);
    }

    @Override
    public int hashCode() {
        int h = hashCode;
        if (h == 0) {
            h = Arrays.hashCode(bytes);
            hashCode = h;
        }
        return h;
    }

    @Override
    public String toString() {
        return hex();
    }
}
