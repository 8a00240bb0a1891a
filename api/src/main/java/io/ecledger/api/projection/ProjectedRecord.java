package io.ecledger.api.projection;

import io.ecledger.ledger.codec.EventCodec;
import io.ecledger.ledger.codec.UndecodableRecordException;
import io.ecledger.ledger.event.LedgerEvent;
import io.ecledger.ledger.event.MembershipEvent;
import io.ecledger.ledger.event.NodeResponse;
import io.ecledger.ledger.kafka.TopicLayout;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** One decoded record of a consumed topic, ready to be applied to the view. */
public sealed interface ProjectedRecord
        permits ProjectedRecord.LedgerRecord, ProjectedRecord.ResponseRecord, ProjectedRecord.MembershipRecord {

    /** A ledger event at its ledger offset. */
    record LedgerRecord(long offset, LedgerEvent event) implements ProjectedRecord {}

    /** A node's response. */
    record ResponseRecord(NodeResponse response) implements ProjectedRecord {}

    /** A node agent's announcement, heartbeat or departure. */
    record MembershipRecord(MembershipEvent event) implements ProjectedRecord {}

    /** Decodes a record of one of {@code layout}'s three topics with that topic's codec. */
    static ProjectedRecord decode(ConsumerRecord<byte[], byte[]> record, TopicLayout layout) throws UndecodableRecordException {
        String topic = record.topic();
        if (topic.equals(layout.ledger())) {
            return new LedgerRecord(record.offset(), EventCodec.LEDGER.decode(record.value()));
        } else if (topic.equals(layout.responses())) {
            return new ResponseRecord(EventCodec.RESPONSES.decode(record.value()));
        } else if (topic.equals(layout.membership())) {
            return new MembershipRecord(EventCodec.MEMBERSHIP.decode(record.value()));
        }
        throw new AssertionError("record from unassigned topic " + topic);
    }
}
