package io.ecledger.ledger.codec;

/** Bytes that are not a single-object Avro record of a schema this version knows. */
public final class UndecodableRecordException extends Exception {

    private static final long serialVersionUID = 1L;

    public UndecodableRecordException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
