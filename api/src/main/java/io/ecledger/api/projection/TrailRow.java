package io.ecledger.api.projection;

/** The row of {@code ledger_trail}: the last ledger event the projection took as the manager's, and the key after it. */
public record TrailRow(long lastOffset, byte[] lastHash, String publicKey, boolean signedSeen) {}
