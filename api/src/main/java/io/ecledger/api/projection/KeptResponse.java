package io.ecledger.api.projection;

import java.time.Instant;
import java.util.UUID;

/** A kept {@code node_response} row with the key that signed it and its record, so a rejection can take it back. */
public record KeptResponse(UUID commandId, String node, long ledgerOffset, String subcluster, String status, String output, Instant finishedAt,
                           String keyFingerprint, String sourceTopic, int sourcePartition, long sourceOffset,
                           byte[] recordBytes) {}
