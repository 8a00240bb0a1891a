package io.ecledger.api.projection;

import io.ecledger.ledger.event.LedgerEvent;
import io.ecledger.ledger.event.MembershipEvent;
import io.ecledger.ledger.event.NodeResponse;

/** One decoded record of a consumed topic, ready to be applied to the view. */
public sealed interface ProjectedRecord
        permits ProjectedRecord.LedgerRecord, ProjectedRecord.ResponseRecord, ProjectedRecord.MembershipRecord {

    /** A ledger event at its ledger offset. */
    record LedgerRecord(long offset, LedgerEvent event) implements ProjectedRecord {}

    /** A node's response. */
    record ResponseRecord(NodeResponse response) implements ProjectedRecord {}

    /** A node agent's announcement, heartbeat or departure. */
    record MembershipRecord(MembershipEvent event) implements ProjectedRecord {}
}
