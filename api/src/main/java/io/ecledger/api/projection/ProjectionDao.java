package io.ecledger.api.projection;

import io.ecledger.ledger.command.Origin;
import io.ecledger.ledger.event.CommandIssued;
import io.ecledger.ledger.event.ConfigChanged;
import io.ecledger.ledger.event.LedgerEvent;
import io.ecledger.ledger.event.MembershipEvent;
import io.ecledger.ledger.event.NodeKeyDecided;
import io.ecledger.ledger.event.NodeResponse;
import io.ecledger.ledger.event.Payload;
import io.ecledger.ledger.event.ResultsFlushed;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/** Writes the projection: view rows and consumed offsets, one transaction per batch. */
@RegisterConstructorMapper(ConsumedOffset.class)
public interface ProjectionDao {

    @SqlQuery("""
            SELECT topic, partition_no, next_offset
            FROM consumed_offset
            ORDER BY topic, partition_no""")
    List<ConsumedOffset> offsets();

    @SqlUpdate("""
            MERGE INTO consumed_offset (topic, partition_no, next_offset)
            KEY (topic, partition_no)
            VALUES (:topic, :partitionNo, :nextOffset)""")
    void saveOffset(String topic, int partitionNo, long nextOffset);

    @SqlQuery("SELECT COUNT(*) FROM results_flush")
    long currentEpoch();

    @SqlUpdate("""
            INSERT INTO results_flush (ledger_offset, epoch, flushed_at, actor, origin, reason)
            VALUES (:ledgerOffset, :epoch, :flushedAt, :actor, :origin, :reason)""")
    void insertFlush(long ledgerOffset, long epoch, Instant flushedAt, String actor, Origin origin, String reason);

    // two indexed lookups: H2 answers "a = ? OR b = ?" with a scan of the table, which made a rebuild quadratic
    @SqlQuery("""
            SELECT EXISTS (SELECT 1 FROM issued_command WHERE command_id = :commandId)
                OR EXISTS (SELECT 1 FROM issued_command WHERE ledger_offset = :ledgerOffset)""")
    boolean commandExists(UUID commandId, long ledgerOffset);

    @SqlUpdate("""
            INSERT INTO issued_command (command_id, ledger_offset, issued_at, actor, origin, target_kind, target_name,
                                        command_text, deadline, replay_of, flush_epoch)
            VALUES (:commandId, :ledgerOffset, :issuedAt, :actor, :origin, :targetKind, :targetName,
                    :commandText, :deadline, :replayOf, :flushEpoch)""")
    void insertCommand(UUID commandId, long ledgerOffset, Instant issuedAt, String actor, Origin origin,
                       String targetKind, String targetName, String commandText, Instant deadline, Long replayOf,
                       long flushEpoch);

    @SqlBatch("""
            INSERT INTO expected_node (command_id, seq, node, subcluster)
            SELECT :commandId, :seq, :node, (SELECT m.subcluster FROM cluster_member m WHERE m.node = :node)""")
    void insertExpected(@Bind("commandId") UUID commandId, @Bind("seq") List<Integer> seq, @Bind("node") List<String> node);

    @SqlQuery("SELECT COUNT(*) > 0 FROM node_response WHERE command_id = :commandId AND node = :node")
    boolean responseExists(UUID commandId, String node);

    @SqlUpdate("""
            INSERT INTO node_response (command_id, node, subcluster, status, output, started_at, finished_at, ledger_offset)
            VALUES (:commandId, :node, :subcluster, :status, :output, :startedAt, :finishedAt, :ledgerOffset)""")
    void insertResponse(@org.jdbi.v3.sqlobject.customizer.BindMethods NodeResponse response);

    @SqlUpdate("""
            MERGE INTO cluster_member (node, subcluster, host, version, last_seen, has_left)
            KEY (node)
            VALUES (:node, :subcluster, :host, :version, :lastSeen, :left)""")
    void saveMember(String node, String subcluster, String host, String version, Instant lastSeen, boolean left);

    @SqlUpdate("UPDATE expected_node SET subcluster = :subcluster WHERE node = :node AND subcluster IS NULL")
    void fillExpectedSubcluster(String node, String subcluster);

    @SqlUpdate("""
            MERGE INTO config_change (ledger_offset, occurred_at, actor, origin, action, scope_path, option_name, option_value)
            KEY (ledger_offset)
            VALUES (:ledgerOffset, :occurredAt, :actor, :origin, :action, :scopePath, :option, :value)""")
    void saveConfigChange(long ledgerOffset, Instant occurredAt, String actor, Origin origin, String action,
                          String scopePath, String option, String value);

    @SqlUpdate("DELETE FROM config_change")
    void deleteConfigChanges();

    @SqlUpdate("DELETE FROM consumed_offset")
    void deleteOffsets();

    @SqlUpdate("DELETE FROM results_flush")
    void deleteFlushes();

    @SqlUpdate("DELETE FROM issued_command")
    void deleteCommands();

    @SqlUpdate("DELETE FROM expected_node")
    void deleteExpected();

    @SqlUpdate("DELETE FROM node_response")
    void deleteResponses();

    @SqlUpdate("DELETE FROM cluster_member")
    void deleteMembers();

    /** Applies one consumed batch and records where each partition now stands, together. */
    @Transaction
    default void apply(List<ProjectedRecord> batch, Collection<ConsumedOffset> offsets) {
        for (ProjectedRecord record : batch) {
            if (record instanceof ProjectedRecord.LedgerRecord ledger) {
                applyLedger(ledger.offset(), ledger.event());
            } else if (record instanceof ProjectedRecord.ResponseRecord response) {
                applyResponse(response.response());
            } else if (record instanceof ProjectedRecord.MembershipRecord membership) {
                applyMembership(membership.event());
            } else {
                throw new AssertionError("unmapped record " + record);
            }
        }
        for (ConsumedOffset offset : offsets) {
            saveOffset(offset.topic(), offset.partitionNo(), offset.nextOffset());
        }
    }

    /** Drops every view row and consumed offset, together. */
    @Transaction
    default void clear() {
        deleteOffsets();
        deleteFlushes();
        deleteCommands();
        deleteExpected();
        deleteResponses();
        deleteMembers();
        deleteConfigChanges();
    }

    private void applyLedger(long offset, LedgerEvent event) {
        Payload payload = event.payload();
        if (payload instanceof CommandIssued issued) {
            if (commandExists(issued.commandId(), offset)) {
                return;
            }
            TargetColumns target = TargetColumns.of(issued.target());
            insertCommand(issued.commandId(), offset, event.occurredAt(), event.actor(), event.origin(),
                    target.kind(), target.name().orElse(null), issued.commandText(), issued.deadline(),
                    issued.replayOf().isPresent() ? issued.replayOf().getAsLong() : null, currentEpoch());
            List<String> nodes = issued.expectedNodes().stream().distinct().toList();
            List<Integer> seq = java.util.stream.IntStream.range(0, nodes.size()).boxed().toList();
            insertExpected(issued.commandId(), seq, nodes);
        } else if (payload instanceof ResultsFlushed flushed) {
            insertFlush(offset, currentEpoch() + 1, event.occurredAt(), event.actor(), event.origin(),
                    flushed.reason().orElse(null));
        } else if (payload instanceof ConfigChanged change) {
            saveConfigChange(offset, event.occurredAt(), event.actor(), event.origin(), change.action().name(),
                    ScopePathColumn.encode(change.scopePath()), change.option(), change.value().orElse(null));
        } else if (payload instanceof NodeKeyDecided) {
            // folded into node keys by the node key projection
        } else {
            throw new AssertionError("unmapped payload " + payload);
        }
    }

    private void applyResponse(NodeResponse response) {
        // a node answers once; a redelivered or duplicated response keeps the first
        if (!responseExists(response.commandId(), response.node())) {
            insertResponse(response);
        }
    }

    private void applyMembership(MembershipEvent event) {
        boolean left;
        if (event instanceof MembershipEvent.NodeAnnounced || event instanceof MembershipEvent.NodeHeartbeat) {
            left = false;
        } else if (event instanceof MembershipEvent.NodeLeft) {
            left = true;
        } else {
            throw new AssertionError("unmapped membership event " + event);
        }
        var id = event.identity();
        saveMember(id.node(), id.subcluster(), id.host(), id.version(), event.at(), left);
        fillExpectedSubcluster(id.node(), id.subcluster());
    }
}
