package io.ecledger.api.projection;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code quarantined_record}: a response or membership record kept out of every view, and why. */
public record QuarantinedRow(String topic, int partitionNo, long recordOffset, String kind, String node, UUID commandId,
                             String subcluster, String host,
                             String keyFingerprint, String reason, String status, String output, Instant seenAt,
                             byte[] recordBytes) {

    /** A response. */
    public static final String RESPONSE = "RESPONSE";
    /** An announcement, heartbeat or departure. */
    public static final String MEMBERSHIP = "MEMBERSHIP";
}
