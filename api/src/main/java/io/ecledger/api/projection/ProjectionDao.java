package io.ecledger.api.projection;

import io.ecledger.ledger.codec.EventCodec;
import io.ecledger.ledger.codec.UndecodableRecordException;
import io.ecledger.ledger.command.Names;
import io.ecledger.ledger.command.Origin;
import io.ecledger.ledger.event.BatchReleased;
import io.ecledger.ledger.event.CommandCancelled;
import io.ecledger.ledger.event.CommandDenied;
import io.ecledger.ledger.event.CommandIssued;
import io.ecledger.ledger.event.ConfigChanged;
import io.ecledger.ledger.event.KeyRotated;
import io.ecledger.ledger.event.LedgerEvent;
import io.ecledger.ledger.event.MembershipEvent;
import io.ecledger.ledger.event.NodeKeyDecided;
import io.ecledger.ledger.event.NodeResponse;
import io.ecledger.ledger.event.Payload;
import io.ecledger.ledger.event.NodeStatus;
import io.ecledger.ledger.event.PolicyLoaded;
import io.ecledger.ledger.event.Rollout;
import io.ecledger.ledger.event.ResultsFlushed;
import io.ecledger.ledger.sign.KeyFiles;
import io.ecledger.ledger.sign.KeyFingerprint;
import io.ecledger.ledger.sign.NodeRecords;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/** Writes the projection: view rows and consumed offsets, one transaction per batch. */
@RegisterConstructorMapper(ConsumedOffset.class)
@RegisterConstructorMapper(KeptResponse.class)
@RegisterConstructorMapper(TrailRow.class)
public interface ProjectionDao extends SqlObject {

    /** The savepoint a run of commands is first written under. */
    String COMMAND_RUN = "command_run";

    @SqlQuery("SELECT last_offset, last_hash, public_key, signed_seen FROM ledger_trail WHERE id = 1")
    Optional<TrailRow> trail();

    @SqlUpdate("""
            MERGE INTO ledger_trail (id, last_offset, last_hash, public_key, signed_seen) KEY (id)
            VALUES (1, :lastOffset, :lastHash, :publicKey, :signedSeen)""")
    void saveTrail(@BindMethods TrailRow trail);

    @SqlUpdate("DELETE FROM ledger_trail")
    void deleteTrail();

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

    @SqlQuery("SELECT command_id FROM issued_command WHERE command_id IN (<commandIds>)")
    List<UUID> existingCommandIds(@BindList("commandIds") Collection<UUID> commandIds);

    @SqlQuery("SELECT ledger_offset FROM issued_command WHERE ledger_offset IN (<ledgerOffsets>)")
    List<Long> existingCommandOffsets(@BindList("ledgerOffsets") Collection<Long> ledgerOffsets);

    /** One row of {@code issued_command}, as {@link #insertCommands} writes a run of them. */
    record IssuedRow(UUID commandId, long ledgerOffset, Instant issuedAt, String actor, Origin origin, String targetKind,
            String targetName, String commandText, Instant deadline, Long replayOf, long flushEpoch, Instant deliverBy,
            Rollout rollout, UUID rerunOf) {}

    /** One row of {@code expected_node}: the node's place among the expected, and the batch of a rollout it is in. */
    record ExpectedRow(UUID commandId, int seq, String node, String subcluster, int batch) {}

    /** One row of {@code command_batch}: a batch of a command released, with its deadlines. */
    record BatchRow(UUID commandId, int batch, long ledgerOffset, Instant releasedAt, String actor, Origin origin,
            Instant deliverBy, Instant deadline) {}

    /** A cluster member's subcluster, as a run of commands copies it into {@code expected_node}. */
    record MemberSubcluster(String node, String subcluster) {}

    @SqlQuery("SELECT node, subcluster FROM cluster_member WHERE node IN (<nodes>)")
    @RegisterConstructorMapper(MemberSubcluster.class)
    List<MemberSubcluster> subclustersOf(@BindList("nodes") Collection<String> nodes);

    // the two hottest inserts of a rebuild, as plain JDBC batches: JDBI's binding of each row's methods by reflection
    // cost a sixth of them. The values are bound as JDBI binds them (an Instant as a Timestamp, an enum by name)
    /** Inserts {@code rows} into {@code issued_command}, one JDBC batch. */
    default void insertCommands(Collection<IssuedRow> rows) {
        batch("""
                INSERT INTO issued_command (command_id, ledger_offset, issued_at, actor, origin, target_kind, target_name,
                                            command_text, deadline, replay_of, flush_epoch, deliver_by, rollout, batch_size,
                                            batch_wait_ms, max_errors, rerun_of)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows, (insert, row) -> {
            insert.setObject(1, row.commandId());
            insert.setLong(2, row.ledgerOffset());
            insert.setTimestamp(3, Timestamp.from(row.issuedAt()));
            insert.setString(4, row.actor());
            insert.setString(5, row.origin().name());
            insert.setString(6, row.targetKind());
            insert.setString(7, row.targetName());
            insert.setString(8, row.commandText());
            insert.setTimestamp(9, Timestamp.from(row.deadline()));
            if (row.replayOf() == null) {
                insert.setNull(10, Types.BIGINT);
            } else {
                insert.setLong(10, row.replayOf());
            }
            insert.setLong(11, row.flushEpoch());
            insert.setTimestamp(12, row.deliverBy() == null ? null : Timestamp.from(row.deliverBy()));
            Rollout rollout = row.rollout();
            insert.setString(13, rollout == null ? null : rollout.asTyped());
            if (rollout == null) {
                insert.setNull(14, Types.INTEGER);
                insert.setNull(15, Types.BIGINT);
                insert.setNull(16, Types.INTEGER);
            } else {
                insert.setInt(14, rollout.batchSize());
                insert.setLong(15, rollout.batchWait().toMillis());
                if (rollout.maxErrors().isPresent()) {
                    insert.setInt(16, rollout.maxErrors().getAsInt());
                } else {
                    insert.setNull(16, Types.INTEGER);
                }
            }
            insert.setObject(17, row.rerunOf());
        });
    }

    /** Inserts {@code rows} into {@code command_batch}, one JDBC batch. */
    default void insertBatches(Collection<BatchRow> rows) {
        batch("""
                INSERT INTO command_batch (command_id, batch, ledger_offset, released_at, actor, origin, deliver_by, deadline)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", rows, (insert, row) -> {
            insert.setObject(1, row.commandId());
            insert.setInt(2, row.batch());
            insert.setLong(3, row.ledgerOffset());
            insert.setTimestamp(4, Timestamp.from(row.releasedAt()));
            insert.setString(5, row.actor());
            insert.setString(6, row.origin().name());
            insert.setTimestamp(7, Timestamp.from(row.deliverBy()));
            insert.setTimestamp(8, Timestamp.from(row.deadline()));
        });
    }

    @SqlQuery("SELECT COUNT(*) > 0 FROM command_batch WHERE command_id = :commandId AND batch = :batch")
    boolean batchExists(UUID commandId, int batch);

    @SqlUpdate("""
            INSERT INTO command_batch (command_id, batch, ledger_offset, released_at, actor, origin, deliver_by, deadline)
            VALUES (:commandId, :batch, :ledgerOffset, :releasedAt, :actor, :origin, :deliverBy, :deadline)""")
    void insertBatch(UUID commandId, int batch, long ledgerOffset, Instant releasedAt, String actor, Origin origin,
            Instant deliverBy, Instant deadline);

    @SqlQuery("SELECT COUNT(*) > 0 FROM command_cancel WHERE command_id = :commandId")
    boolean cancelExists(UUID commandId);

    @SqlUpdate("""
            INSERT INTO command_cancel (command_id, ledger_offset, cancelled_at, actor, origin, reason)
            VALUES (:commandId, :ledgerOffset, :cancelledAt, :actor, :origin, :reason)""")
    void insertCancel(UUID commandId, long ledgerOffset, Instant cancelledAt, String actor, Origin origin, String reason);

    @SqlQuery("SELECT COUNT(*) > 0 FROM node_output_part WHERE command_id = :commandId AND node = :node AND part = :part")
    boolean partExists(UUID commandId, String node, int part);

    @SqlUpdate("""
            INSERT INTO node_output_part (command_id, node, part, output)
            VALUES (:r.commandId, :r.node, :r.part, :r.output)""")
    void insertPart(@BindMethods("r") NodeResponse part);

    @SqlQuery("SELECT status FROM node_progress WHERE command_id = :commandId AND node = :node")
    Optional<String> progressOf(UUID commandId, String node);

    @SqlUpdate("""
            MERGE INTO node_progress (command_id, node, status, said_at) KEY (command_id, node)
            VALUES (:commandId, :node, :status, :saidAt)""")
    void saveProgress(UUID commandId, String node, NodeStatus status, Instant saidAt);

    /** Inserts {@code rows} into {@code expected_node}, one JDBC batch. */
    default void insertExpectedRows(Collection<ExpectedRow> rows) {
        batch("INSERT INTO expected_node (command_id, seq, node, subcluster, batch) VALUES (?, ?, ?, ?, ?)", rows,
                (insert, row) -> {
                    insert.setObject(1, row.commandId());
                    insert.setInt(2, row.seq());
                    insert.setString(3, row.node());
                    insert.setString(4, row.subcluster());
                    insert.setInt(5, row.batch());
                });
    }

    /** Sets one row's parameters of a batch. */
    @FunctionalInterface
    interface RowBinder<T> {
        void bind(PreparedStatement statement, T row) throws SQLException;
    }

    // a failure is JDBI's exception, as a @SqlBatch throws it
    private <T> void batch(String sql, Collection<T> rows, RowBinder<T> binder) {
        try (PreparedStatement statement = getHandle().getConnection().prepareStatement(sql)) {
            for (T row : rows) {
                binder.bind(statement, row);
                statement.addBatch();
            }
            statement.executeBatch();
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
    }

    @SqlQuery("""
            SELECT COUNT(*) > 0 FROM node_response
            WHERE command_id = :commandId AND node = :node AND ledger_offset = :ledgerOffset""")
    boolean responseExists(UUID commandId, String node, long ledgerOffset);

    @SqlUpdate("""
            INSERT INTO node_response (command_id, node, subcluster, status, output, started_at, finished_at, ledger_offset,
                                       key_fingerprint, source_topic, source_partition, source_offset, record_bytes,
                                       output_parts)
            VALUES (:r.commandId, :r.node, :r.subcluster, :r.status, :r.output, :r.startedAt, :r.finishedAt, :r.ledgerOffset,
                    :keyFingerprint, :s.topic, :s.partition, :s.offset, :s.encoded, :r.parts)""")
    void insertResponse(@BindMethods("r") NodeResponse response, String keyFingerprint,
                        @BindMethods("s") ProjectedRecord.Source source);

    @SqlQuery("""
            SELECT command_id, node, ledger_offset, subcluster, status, output, finished_at, key_fingerprint, source_topic,
                   source_partition, source_offset, record_bytes
            FROM node_response
            WHERE node = :node AND key_fingerprint = :keyFingerprint AND record_bytes IS NOT NULL""")
    List<KeptResponse> keptResponses(String node, String keyFingerprint);

    @SqlUpdate("DELETE FROM node_response WHERE command_id = :commandId AND node = :node AND ledger_offset = :ledgerOffset")
    void deleteResponse(UUID commandId, String node, long ledgerOffset);

    @SqlUpdate("""
            MERGE INTO cluster_member (node, subcluster, host, version, last_seen, has_left, key_fingerprint)
            KEY (node)
            VALUES (:node, :subcluster, :host, :version, :lastSeen, :left, :keyFingerprint)""")
    void saveMember(String node, String subcluster, String host, String version, Instant lastSeen, boolean left,
                    String keyFingerprint);

    @SqlQuery("SELECT last_seen FROM cluster_member WHERE node = :node")
    Optional<Instant> lastSeen(String node);

    @SqlUpdate("DELETE FROM cluster_member WHERE node = :node AND key_fingerprint = :keyFingerprint")
    void deleteMemberSignedBy(String node, String keyFingerprint);

    @SqlUpdate("UPDATE expected_node SET subcluster = :subcluster WHERE node = :node AND subcluster IS NULL")
    void fillExpectedSubcluster(String node, String subcluster);

    @SqlUpdate("""
            MERGE INTO config_change (ledger_offset, occurred_at, actor, origin, action, scope_path, option_name, option_value)
            KEY (ledger_offset)
            VALUES (:ledgerOffset, :occurredAt, :actor, :origin, :action, :scopePath, :option, :value)""")
    void saveConfigChange(long ledgerOffset, Instant occurredAt, String actor, Origin origin, String action,
                          String scopePath, String option, String value);

    // MERGE on the offset: applying the same ledger record twice leaves one row
    @SqlUpdate("""
            MERGE INTO denied_command (ledger_offset, denied_at, actor, origin, line, rule, reason)
            KEY (ledger_offset) VALUES (:ledgerOffset, :deniedAt, :actor, :origin, :line, :rule, :reason)""")
    void saveDenial(long ledgerOffset, Instant deniedAt, String actor, Origin origin, String line, String rule,
            String reason);

    @SqlUpdate("""
            MERGE INTO policy_load (ledger_offset, loaded_at, sha256, policy_text, source, actor, origin)
            KEY (ledger_offset) VALUES (:ledgerOffset, :loadedAt, :sha256, :text, :source, :actor, :origin)""")
    void savePolicyLoad(long ledgerOffset, Instant loadedAt, String sha256, String text, String source, String actor,
            Origin origin);

    @SqlUpdate("DELETE FROM consumed_offset")
    void deleteOffsets();

    /** Applies one consumed batch and records where each partition now stands, together. */
    default void apply(List<ProjectedRecord> batch, Collection<ConsumedOffset> offsets) {
        apply(batch, offsets, Optional.empty());
    }

    /** As {@link #apply(List, Collection)}, storing where the projection stands in the manager's chain too. */
    @Transaction
    default void apply(List<ProjectedRecord> batch, Collection<ConsumedOffset> offsets, Optional<TrailRow> trail) {
        NodeKeyDao keys = getHandle().attach(NodeKeyDao.class);
        List<ProjectedRecord.LedgerRecord> commands = new ArrayList<>();
        for (ProjectedRecord record : batch) {
            if (record instanceof ProjectedRecord.LedgerRecord ledger && ledger.event().payload() instanceof CommandIssued) {
                // a run of commands is written with one batch per table; nothing between two commands of a run
                // reads or changes what the other wrote
                commands.add(ledger);
                continue;
            }
            insertCommandRun(commands);
            if (record instanceof ProjectedRecord.LedgerRecord ledger) {
                applyLedger(ledger.offset(), ledger.event(), keys);
            } else if (record instanceof ProjectedRecord.RefusedLedgerRecord refused) {
                keys.quarantine(QuarantinedRow.ledger(refused.source(), refused.event(), refused.reason()));
            } else if (record instanceof ProjectedRecord.ResponseRecord response) {
                applyResponse(response.response(), response.source(), keys);
            } else if (record instanceof ProjectedRecord.MembershipRecord membership) {
                applyMembership(membership.event(), membership.source(), keys);
            } else if (record instanceof ProjectedRecord.MisnamedRecord misnamed) {
                keys.quarantine(QuarantinedRow.misnamed(misnamed));
            } else {
                throw new AssertionError("unmapped record " + record);
            }
        }
        insertCommandRun(commands);
        for (ConsumedOffset offset : offsets) {
            saveOffset(offset.topic(), offset.partitionNo(), offset.nextOffset());
        }
        trail.ifPresent(this::saveTrail);
    }

    /** Every table a rebuild empties: the views of the three topics, not the checkpoints or preseeded keys. */
    List<String> VIEW_TABLES = List.of("results_flush", "issued_command", "expected_node", "node_response",
            "cluster_member", "config_change", "denied_command", "policy_load", "node_key", "quarantined_record",
            "command_batch", "command_cancel", "node_progress", "node_output_part");

    @SqlQuery("SELECT COUNT(*) > 0 FROM rebuild_pending")
    boolean rebuildPending();

    @SqlUpdate("MERGE INTO rebuild_pending (id) KEY (id) VALUES (1)")
    void markRebuildPending();

    @SqlUpdate("DELETE FROM rebuild_pending")
    void deleteRebuildPending();

    /** Drops every view row and consumed offset: {@link #beginClear()}, then {@link #finishClear()}. */
    default void clear() {
        beginClear();
        finishClear();
    }

    /**
     * Drops the consumed offsets and the trail and notes that the views are being emptied, together: from this
     * commit on, a projection that starts reads from offset 0 and empties the views first ({@link #finishClear()}).
     */
    @Transaction
    default void beginClear() {
        deleteOffsets();
        deleteTrail();
        markRebuildPending();
    }

    /**
     * Empties every view table and then lifts the note {@link #beginClear()} left. TRUNCATE, not DELETE: H2 drops a
     * table's pages instead of writing an undo entry per row, but commits each table on its own, so a crash half
     * way leaves the note behind and the next start finishes the job. Not in a transaction: call it without one.
     */
    default void finishClear() {
        for (String table : VIEW_TABLES) {
            getHandle().execute("TRUNCATE TABLE " + table);
        }
        deleteRebuildPending();
    }

    /**
     * Writes a run of consecutive {@link CommandIssued} events and empties {@code run}: the same rows as applying each
     * in turn (a command already projected, by id or offset, is passed over, the first of two in the run kept; every
     * command of the run sees the same flush epoch and cluster members), in two batches instead of five statements a
     * command.
     */
    private void insertCommandRun(List<ProjectedRecord.LedgerRecord> run) {
        if (run.isEmpty()) {
            return;
        }
        long epoch = currentEpoch();
        // a command already projected comes only with a redelivered or copied record: the run is first written as if
        // none were (no lookups, a sixth of a rebuild), and only if the keys refuse a row is it written again, each
        // command checked against what is there
        List<ExpectedRow> expected;
        getHandle().savepoint(COMMAND_RUN);
        try {
            expected = writeCommands(run, Set.of(), Set.of(), epoch);
            getHandle().releaseSavepoint(COMMAND_RUN);
        } catch (UnableToExecuteStatementException e) {
            getHandle().rollbackToSavepoint(COMMAND_RUN);
            List<UUID> ids = new ArrayList<>(run.size());
            List<Long> ledgerOffsets = new ArrayList<>(run.size());
            for (ProjectedRecord.LedgerRecord record : run) {
                ids.add(((CommandIssued) record.event().payload()).commandId());
                ledgerOffsets.add(record.offset());
            }
            expected = writeCommands(run, existingCommandIds(ids), existingCommandOffsets(ledgerOffsets), epoch);
        }
        if (!expected.isEmpty()) {
            // the members' subclusters once for the run, not a lookup per row
            Set<String> nodes = new HashSet<>();
            expected.forEach(row -> nodes.add(row.node()));
            Map<String, String> subclusters = new HashMap<>();
            subclustersOf(nodes).forEach(member -> subclusters.put(member.node(), member.subcluster()));
            insertExpectedRows(expected.stream()
                    .map(row -> new ExpectedRow(row.commandId(), row.seq(), row.node(), subclusters.get(row.node()),
                            row.batch()))
                    .toList());
        }
        run.clear();
    }

    /** Inserts the commands of {@code run} but those {@code taken}; returns their expected nodes, subclusters unset. */
    private List<ExpectedRow> writeCommands(List<ProjectedRecord.LedgerRecord> run, Collection<UUID> takenIds,
            Collection<Long> takenOffsets, long epoch) {
        Set<UUID> ids = new HashSet<>(takenIds);
        Set<Long> offsets = new HashSet<>(takenOffsets);
        List<IssuedRow> rows = new ArrayList<>(run.size());
        List<BatchRow> batches = new ArrayList<>(run.size());
        List<ExpectedRow> expected = new ArrayList<>();
        for (ProjectedRecord.LedgerRecord record : run) {
            LedgerEvent event = record.event();
            CommandIssued issued = (CommandIssued) event.payload();
            if (ids.contains(issued.commandId()) || offsets.contains(record.offset())) {
                continue;
            }
            ids.add(issued.commandId());
            offsets.add(record.offset());
            TargetColumns target = TargetColumns.of(issued.target());
            rows.add(new IssuedRow(issued.commandId(), record.offset(), event.occurredAt(), event.actor(), event.origin(),
                    target.kind(), target.name().orElse(null), issued.commandText(), issued.deadline(),
                    issued.replayOf().isPresent() ? issued.replayOf().getAsLong() : null, epoch,
                    issued.deliverBy().orElse(null), issued.rollout().orElse(null), issued.rerunOf().orElse(null)));
            batches.add(new BatchRow(issued.commandId(), 0, record.offset(), event.occurredAt(), event.actor(),
                    event.origin(), issued.startBy(), issued.deadline()));
            List<String> nodes = issued.expectedNodes().stream().distinct().toList();
            int batchSize = issued.rollout().map(Rollout::batchSize).orElse(Math.max(1, nodes.size()));
            for (int seq = 0; seq < nodes.size(); seq++) {
                expected.add(new ExpectedRow(issued.commandId(), seq, nodes.get(seq), null, seq / batchSize));
            }
        }
        if (!rows.isEmpty()) {
            insertCommands(rows);
            insertBatches(batches);
        }
        return expected;
    }

    private void applyLedger(long offset, LedgerEvent event, NodeKeyDao keys) {
        Payload payload = event.payload();
        if (payload instanceof CommandIssued) {
            insertCommandRun(new ArrayList<>(List.of(new ProjectedRecord.LedgerRecord(offset, event))));
        } else if (payload instanceof ResultsFlushed flushed) {
            insertFlush(offset, currentEpoch() + 1, event.occurredAt(), event.actor(), event.origin(),
                    flushed.reason().orElse(null));
        } else if (payload instanceof ConfigChanged change) {
            saveConfigChange(offset, event.occurredAt(), event.actor(), event.origin(), change.action().name(),
                    ScopePathColumn.encode(change.scopePath()), change.option(), change.value().orElse(null));
        } else if (payload instanceof KeyRotated) {
            // nothing a user reads in the projection changes; the key ring follows it (ledger.sign.ManagerKeys)
        } else if (payload instanceof NodeKeyDecided decided) {
            applyDecision(offset, event, decided, keys);
        } else if (payload instanceof CommandDenied denied) {
            saveDenial(offset, event.occurredAt(), event.actor(), event.origin(), denied.line(), denied.rule(),
                    denied.reason());
        } else if (payload instanceof PolicyLoaded policy) {
            savePolicyLoad(offset, event.occurredAt(), policy.sha256(), policy.text(), policy.source(), event.actor(),
                    event.origin());
        } else if (payload instanceof CommandCancelled cancel) {
            // the first cancel of a command is the one that counts
            if (!cancelExists(cancel.commandId())) {
                insertCancel(cancel.commandId(), offset, event.occurredAt(), event.actor(), event.origin(),
                        cancel.reason());
            }
        } else if (payload instanceof BatchReleased batch) {
            // a copied release changes nothing: the first of a batch is kept
            if (!batchExists(batch.commandId(), batch.batch())) {
                insertBatch(batch.commandId(), batch.batch(), offset, event.occurredAt(), event.actor(), event.origin(),
                        batch.deliverBy(), batch.deadline());
            }
        } else {
            throw new AssertionError("unmapped payload " + payload);
        }
    }

    // The views show exactly what a node's currently accepted key signed, whatever order the three topics were
    // read in: every change to a node's keys re-checks that node's quarantine, and a rejection takes back what
    // the rejected key had signed. A live projection and a rebuild therefore end in the same rows.

    private void applyDecision(long offset, LedgerEvent event, NodeKeyDecided decided, NodeKeyDao keys) {
        KeyState state = decided.decision() == NodeKeyDecided.Decision.ACCEPTED ? KeyState.ACCEPTED : KeyState.REJECTED;
        keys.decide(decided.node(), decided.fingerprint(), decided.publicKey(), state, event.actor(), event.occurredAt(),
                offset);
        if (state == KeyState.REJECTED) {
            for (KeptResponse kept : keptResponses(decided.node(), decided.fingerprint())) {
                deleteResponse(kept.commandId(), kept.node(), kept.ledgerOffset());
                keys.quarantine(new QuarantinedRow(kept.sourceTopic(), kept.sourcePartition(), kept.sourceOffset(),
                        QuarantinedRow.RESPONSE, kept.node(), kept.commandId(), kept.subcluster(), null,
                        kept.keyFingerprint(), "key rejected",
                        kept.status(), kept.output(), kept.finishedAt(), kept.recordBytes()));
            }
            deleteMemberSignedBy(decided.node(), decided.fingerprint());
        }
        recheck(decided.node(), keys);
    }

    /** Lets in the quarantined records of {@code node} that its accepted keys now vouch for; rewords the others. */
    private void recheck(String node, NodeKeyDao keys) {
        for (QuarantinedRow row : keys.quarantinedOf(node)) {
            ProjectedRecord.Source source = new ProjectedRecord.Source(row.topic(), row.partitionNo(), row.recordOffset(),
                    row.recordBytes());
            try {
                if (QuarantinedRow.RESPONSE.equals(row.kind())) {
                    NodeResponse response = EventCodec.RESPONSES.decode(row.recordBytes());
                    Optional<String> refusal = responseRefusal(response, source, keys);
                    if (refusal.isEmpty()) {
                        keys.release(row.topic(), row.partitionNo(), row.recordOffset());
                        keep(response, source);
                    } else if (!refusal.get().equals(row.reason())) {
                        keys.rereason(row.topic(), row.partitionNo(), row.recordOffset(), refusal.get());
                    }
                } else {
                    MembershipEvent event = EventCodec.MEMBERSHIP.decode(row.recordBytes());
                    Optional<String> refusal = membershipRefusal(event, source, keys);
                    if (refusal.isEmpty()) {
                        keys.release(row.topic(), row.partitionNo(), row.recordOffset());
                        // a record let in late must not overwrite a newer word of the node
                        if (lastSeen(node).map(seen -> !seen.isAfter(event.at())).orElse(true)) {
                            member(event);
                        }
                    } else if (!refusal.get().equals(row.reason())) {
                        keys.rereason(row.topic(), row.partitionNo(), row.recordOffset(), refusal.get());
                    }
                }
            } catch (UndecodableRecordException e) {
                if (Names.InvalidNameException.causeOf(e).isEmpty()) {
                    throw new IllegalStateException("a quarantined record no longer decodes: " + e.getMessage(), e);
                }
                // quarantined before the name rule covered all its names: it stays, and now says why
                if (!e.getMessage().equals(row.reason())) {
                    keys.rereason(row.topic(), row.partitionNo(), row.recordOffset(), e.getMessage());
                }
            }
        }
    }

    private Optional<String> responseRefusal(NodeResponse response, ProjectedRecord.Source source, NodeKeyDao keys) {
        return keys.refusal(response.node(), response.seal(), key -> {
            try {
                return NodeRecords.responseSignedBy(source.encoded(), response.seal(), key);
            } catch (UndecodableRecordException e) {
                return false;
            }
        });
    }

    private Optional<String> membershipRefusal(MembershipEvent event, ProjectedRecord.Source source, NodeKeyDao keys) {
        return keys.refusal(event.identity().node(), event.seal(), key -> {
            try {
                return NodeRecords.membershipSignedBy(source.encoded(), event.seal(), key);
            } catch (UndecodableRecordException e) {
                return false;
            }
        });
    }

    private void applyResponse(NodeResponse response, ProjectedRecord.Source source, NodeKeyDao keys) {
        Optional<String> refusal = responseRefusal(response, source, keys);
        if (refusal.isPresent()) {
            // never in a view, and never in the way of the node's own answer: the first valid one is kept
            keys.quarantine(new QuarantinedRow(source.topic(), source.partition(), source.offset(), QuarantinedRow.RESPONSE,
                    response.node(), response.commandId(), response.subcluster(), null, response.seal().keyFingerprint(),
                    refusal.get(),
                    response.status().name(), response.output(), response.finishedAt(), source.encoded()));
            return;
        }
        keep(response, source);
    }

    private void keep(NodeResponse response, ProjectedRecord.Source source) {
        if (response.status() == NodeStatus.OUTPUT) {
            // a part of an answer's output; a redelivered one is kept once
            if (!partExists(response.commandId(), response.node(), response.part())) {
                insertPart(response);
            }
            return;
        }
        if (!response.status().isAnswer()) {
            // how far the node got: only ever further, whatever order the words arrive in
            Optional<String> before = progressOf(response.commandId(), response.node());
            if (before.isEmpty() || (before.get().equals(NodeStatus.DELIVERED.name())
                    && response.status() == NodeStatus.RUNNING)) {
                saveProgress(response.commandId(), response.node(), response.status(), response.finishedAt());
            }
            return;
        }
        // a node answers a record once; a redelivered or duplicated response keeps the first. Its refusal of a forged
        // record claiming the command names that record, so it is kept beside the answer, not in its place
        if (!responseExists(response.commandId(), response.node(), response.ledgerOffset())) {
            insertResponse(response, response.seal().keyFingerprint(), source);
        }
    }

    private void applyMembership(MembershipEvent event, ProjectedRecord.Source source, NodeKeyDao keys) {
        String node = event.identity().node();
        if (event instanceof MembershipEvent.NodeAnnounced announced && announcesOwnKey(announced, source)) {
            String fingerprint = announced.seal().keyFingerprint();
            keys.seenAt(node, fingerprint, announced.at());
            if (keys.insertPending(node, fingerprint, announced.publicKey(), announced.at()) > 0) {
                // a new key changes how the node's quarantined records are worded
                recheck(node, keys);
            }
        }
        Optional<String> refusal = membershipRefusal(event, source, keys);
        if (refusal.isPresent()) {
            keys.quarantine(new QuarantinedRow(source.topic(), source.partition(), source.offset(), QuarantinedRow.MEMBERSHIP,
                    node, null, event.identity().subcluster(), event.identity().host(), event.seal().keyFingerprint(),
                    refusal.get(), kindOf(event), null, event.at(),
                    source.encoded()));
            return;
        }
        member(event);
    }

    // an announcement makes its key pending only when signed by that very key, so nobody registers a key they lack
    private static boolean announcesOwnKey(MembershipEvent.NodeAnnounced announced, ProjectedRecord.Source source) {
        if (announced.publicKey().isEmpty() || !announced.seal().isSigned()) {
            return false;
        }
        try {
            java.security.PublicKey key = KeyFiles.parsePublic(announced.publicKey());
            return KeyFingerprint.of(key).value().equals(announced.seal().keyFingerprint())
                    && NodeRecords.membershipSignedBy(source.encoded(), announced.seal(), key);
        } catch (IllegalArgumentException | UndecodableRecordException e) {
            return false;
        }
    }

    private static String kindOf(MembershipEvent event) {
        if (event instanceof MembershipEvent.NodeAnnounced) {
            return "ANNOUNCED";
        } else if (event instanceof MembershipEvent.NodeHeartbeat) {
            return "HEARTBEAT";
        } else if (event instanceof MembershipEvent.NodeLeft) {
            return "LEFT";
        }
        throw new AssertionError("unmapped membership event " + event);
    }

    private void member(MembershipEvent event) {
        boolean left;
        if (event instanceof MembershipEvent.NodeAnnounced || event instanceof MembershipEvent.NodeHeartbeat) {
            left = false;
        } else if (event instanceof MembershipEvent.NodeLeft) {
            left = true;
        } else {
            throw new AssertionError("unmapped membership event " + event);
        }
        var id = event.identity();
        saveMember(id.node(), id.subcluster(), id.host(), id.version(), event.at(), left, event.seal().keyFingerprint());
        fillExpectedSubcluster(id.node(), id.subcluster());
    }
}
