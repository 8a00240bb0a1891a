package io.ecledger.api.retrieve;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Reads the results buffer from the projection. */
@RegisterConstructorMapper(CommandRow.class)
@RegisterConstructorMapper(ExpectedRow.class)
@RegisterConstructorMapper(ResponseRow.class)
public interface ResultsDao {

    /**
     * Where {@code :commandId} was issued: a node's answer names it, while its refusal of a forged or copied record
     * claiming the command names that record's offset and is no answer.
     */
    String COMMAND_OFFSET = "(SELECT c.ledger_offset FROM issued_command c WHERE c.command_id = :commandId)";

    @SqlQuery("SELECT COUNT(*) FROM results_flush")
    long currentEpoch();

    @SqlQuery("""
            SELECT command_id, ledger_offset, issued_at, actor, target_kind, target_name, command_text, deadline, flush_epoch,
                   rollout, batch_size, batch_wait_ms, max_errors, rerun_of
            FROM issued_command
            WHERE flush_epoch = :epoch AND command_text = :commandText
            ORDER BY ledger_offset DESC""")
    List<CommandRow> latestFirst(long epoch, String commandText);

    @SqlQuery("""
            SELECT command_id, ledger_offset, issued_at, actor, target_kind, target_name, command_text, deadline, flush_epoch,
                   rollout, batch_size, batch_wait_ms, max_errors, rerun_of
            FROM issued_command
            WHERE command_id = :commandId""")
    Optional<CommandRow> command(UUID commandId);

    @SqlQuery("""
            SELECT e.node, COALESCE(e.subcluster, m.subcluster) AS subcluster, e.batch
            FROM expected_node e LEFT JOIN cluster_member m ON m.node = e.node
            WHERE e.command_id = :commandId
            ORDER BY e.seq""")
    List<ExpectedRow> expected(UUID commandId);

    @SqlQuery("""
            SELECT node, subcluster, status, output, finished_at, output_parts
            FROM node_response
            WHERE command_id = :commandId AND ledger_offset = """ + COMMAND_OFFSET + """
            ORDER BY node""")
    List<ResponseRow> responses(UUID commandId);

    /** A batch of a command that went out. */
    record BatchRow(int batch, java.time.Instant deliverBy, java.time.Instant deadline, java.time.Instant releasedAt) {}

    @SqlQuery("SELECT batch, deliver_by, deadline, released_at FROM command_batch WHERE command_id = :commandId ORDER BY batch")
    @RegisterConstructorMapper(BatchRow.class)
    List<BatchRow> batches(UUID commandId);

    @SqlQuery("""
            SELECT ledger_offset, cancelled_at, actor, reason FROM command_cancel WHERE command_id = :commandId""")
    @RegisterConstructorMapper(CommandResults.Cancel.class)
    Optional<CommandResults.Cancel> cancel(UUID commandId);

    /** An answer's inline output and how many parts follow it. */
    record InlineOutput(String output, int outputParts) {}

    @SqlQuery("SELECT output, output_parts FROM node_response WHERE command_id = :commandId AND node = :node "
            + "AND ledger_offset = " + COMMAND_OFFSET)
    @RegisterConstructorMapper(InlineOutput.class)
    Optional<InlineOutput> inlineOutput(UUID commandId, String node);

    @SqlQuery("SELECT output FROM node_output_part WHERE command_id = :commandId AND node = :node ORDER BY part")
    List<String> outputParts(UUID commandId, String node);

    /** The furthest word of progress a node said. */
    record ProgressRow(String node, io.ecledger.ledger.event.NodeStatus status) {}

    @SqlQuery("SELECT node, status FROM node_progress WHERE command_id = :commandId")
    @RegisterConstructorMapper(ProgressRow.class)
    List<ProgressRow> progress(UUID commandId);

    @SqlQuery("""
            SELECT DISTINCT command_text
            FROM issued_command
            WHERE flush_epoch = (SELECT COUNT(*) FROM results_flush)
            ORDER BY command_text""")
    List<String> commandTexts();
}
