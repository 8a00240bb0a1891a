package io.ecledger.api.projection;

import io.ecledger.ledger.event.CommandIssued;
import io.ecledger.ledger.event.LedgerEvent;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A row of {@code quarantined_record}: a response or membership record, or a ledger record that is not the
 * manager's, kept out of every view, and why.
 */
public record QuarantinedRow(String topic, int partitionNo, long recordOffset, String kind, String node, UUID commandId,
                             String subcluster, String host,
                             String keyFingerprint, String reason, String status, String output, Instant seenAt,
                             byte[] recordBytes) {

    /** A response. */
    public static final String RESPONSE = "RESPONSE";
    /** An announcement, heartbeat or departure. */
    public static final String MEMBERSHIP = "MEMBERSHIP";
    /** A ledger record the manager did not write there: no node, its payload type as status, its summary as output. */
    public static final String LEDGER = "LEDGER";

    /** The status of a record whose names break the rule ({@link io.ecledger.ledger.command.Names}). */
    public static final String MISNAMED = "MISNAMED";

    /**
     * The row of a record of {@code kind} that breaks the name rule: it does not decode, so it names no node (and is
     * never re-checked when a node's keys change) and claims no time; {@code reason} names the field and the rule.
     */
    static QuarantinedRow misnamed(ProjectedRecord.MisnamedRecord record) {
        ProjectedRecord.Source source = record.source();
        return new QuarantinedRow(source.topic(), source.partition(), source.offset(), record.kind(), null, null, null,
                null, "", record.reason(), MISNAMED, null, null, source.encoded());
    }

    /** The row of a ledger record refused for {@code reason}; {@code event} is what it claims, empty for garbage. */
    static QuarantinedRow ledger(ProjectedRecord.Source source, Optional<LedgerEvent> event, String reason) {
        return new QuarantinedRow(source.topic(), source.partition(), source.offset(), LEDGER, null,
                event.map(LedgerEvent::payload).filter(CommandIssued.class::isInstance).map(CommandIssued.class::cast)
                        .map(CommandIssued::commandId).orElse(null),
                null, null, event.map(e -> e.seal().keyFingerprint()).orElse(""), reason,
                event.map(e -> e.payload().getClass().getSimpleName()).orElse("garbage"),
                event.map(e -> e.actor() + ": " + e.payload().summary()).orElse(null),
                event.map(LedgerEvent::occurredAt).orElse(null), source.encoded());
    }
}
