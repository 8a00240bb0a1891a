package io.ecledger.ledger.chain;

import io.ecledger.ledger.event.Hash;
import java.util.Objects;

/** A verified point of the chain: the ledger event at {@code offset} carries {@code hash}. A later verify can start after it. */
public record Checkpoint(long offset, Hash hash) {

    public Checkpoint {
        if (offset < 0) {
            throw new IllegalArgumentException("a checkpoint offset must not be negative: " + offset);
        }
        Objects.requireNonNull(hash, "hash");
    }

    /** Parses {@code OFFSET:HEXHASH}, as {@link #toString()} writes it. */
    public static Checkpoint parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException("a checkpoint is OFFSET:SHA256HEX, not '" + text + "'");
        }
        try {
            return new Checkpoint(Long.parseLong(text.substring(0, colon)),
                    Hash.of(java.util.HexFormat.of().parseHex(text.substring(colon + 1))));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a checkpoint is OFFSET:SHA256HEX, not '" + text + "': " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return offset + ":" + hash.hex();
    }
}
