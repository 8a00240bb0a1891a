package io.ecledger.api.projection;

import io.ecledger.ledger.codec.EventCodec;
import io.ecledger.ledger.codec.UndecodableRecordException;
import io.ecledger.ledger.command.Names;
import io.ecledger.ledger.event.LedgerEvent;
import io.ecledger.ledger.event.MembershipEvent;
import io.ecledger.ledger.event.NodeResponse;
import io.ecledger.ledger.kafka.TopicLayout;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** One decoded record of a consumed topic, ready to be applied to the view. */
public sealed interface ProjectedRecord
        permits ProjectedRecord.LedgerRecord, ProjectedRecord.RefusedLedgerRecord, ProjectedRecord.ResponseRecord,
        ProjectedRecord.MembershipRecord, ProjectedRecord.MisnamedRecord {

    /** A ledger event at its ledger offset. */
    record LedgerRecord(long offset, LedgerEvent event) implements ProjectedRecord {}

    /**
     * A ledger record that is not the manager's, with what it claims to be when it decodes: quarantined, never
     * applied.
     */
    record RefusedLedgerRecord(Optional<LedgerEvent> event, String reason, Source source) implements ProjectedRecord {}

    /** A node's response, with the bytes its signature covers and where it was read. */
    record ResponseRecord(NodeResponse response, Source source) implements ProjectedRecord {}

    /** A node agent's announcement, heartbeat or departure, with the bytes its signature covers and where it was read. */
    record MembershipRecord(MembershipEvent event, Source source) implements ProjectedRecord {}

    /**
     * A record of any of the three topics carrying a name that breaks the name rule ({@link Names}), so it does not
     * decode: quarantined with {@code reason}, never applied, and never in the way of the records after it. Its
     * signature is not checked: the node name picks the key, and no key vouches for a name no agent may take.
     */
    record MisnamedRecord(String kind, String reason, Source source) implements ProjectedRecord {}

    /** Where a node's record was read and its bytes as written, which its node key's signature is checked against. */
    record Source(String topic, int partition, long offset, byte[] encoded) {}

    /** Decodes a record of one of {@code layout}'s three topics with that topic's codec. */
    static ProjectedRecord decode(ConsumerRecord<byte[], byte[]> record, TopicLayout layout) throws UndecodableRecordException {
        String topic = record.topic();
        if (topic.equals(layout.ledger())) {
            return new LedgerRecord(record.offset(), EventCodec.LEDGER.decode(record.value()));
        } else if (topic.equals(layout.responses())) {
            return new ResponseRecord(EventCodec.RESPONSES.decode(record.value()), source(record));
        } else if (topic.equals(layout.membership())) {
            return new MembershipRecord(EventCodec.MEMBERSHIP.decode(record.value()), source(record));
        }
        throw new AssertionError("record from unassigned topic " + topic);
    }

    /**
     * The record {@code record} as a {@link MisnamedRecord} when {@code e} says it broke the name rule; empty when it
     * failed for another reason (garbage, an unknown schema), which the caller reports as skipped.
     */
    public static Optional<ProjectedRecord> misnamed(ConsumerRecord<byte[], byte[]> record, TopicLayout layout,
            UndecodableRecordException e) {
        if (Names.InvalidNameException.causeOf(e).isEmpty()) {
            return Optional.empty();
        }
        String topic = record.topic();
        String kind = topic.equals(layout.ledger()) ? QuarantinedRow.LEDGER
                : topic.equals(layout.responses()) ? QuarantinedRow.RESPONSE : QuarantinedRow.MEMBERSHIP;
        return Optional.of(new MisnamedRecord(kind, e.getMessage(), source(record)));
    }

    static Source source(ConsumerRecord<byte[], byte[]> record) {
        return new Source(record.topic(), record.partition(), record.offset(), record.value());
    }
}
