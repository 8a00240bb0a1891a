package io.ecledger.api.access;


/** Where a command the policy refused is put on the record: the ledger's {@code CommandDenied}, rate-limited per actor. */
@FunctionalInterface
public interface DenialSink {

    /** Records that {@code caller} sent {@code line} and the policy's {@code rule} refused it for {@code reason}. */
    void denied(Caller caller, String line, String rule, String reason);
}
