package io.ecledger.api.history;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.customizer.QueryTimeOut;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * Reads issued commands, flushes, config changes, denied commands and policy loads for {@code history}; flushed
 * commands are never left out.
 * {@code --regex} runs on RE2/J through {@link HistoryRegex#FUNCTION}, installed by {@link HistoryService}.
 */
@RegisterConstructorMapper(HistoryRow.class)
@RegisterConstructorMapper(HistoryDao.OtherRow.class)
@RegisterConstructorMapper(DeniedRow.class)
@RegisterConstructorMapper(PolicyRow.class)
public interface HistoryDao {

    /** A flush or config change at one offset, as {@code history show} prints it. */
    record OtherRow(long ledgerOffset, String kind, java.time.Instant occurredAt, String actor, String origin,
            String summary) {}

    /** How long one page or count may run before H2 cancels it: a slow query must not hold a pooled connection. */
    int QUERY_TIMEOUT_SECONDS = 5;

    // Each filter is off when its parameter is null; the casts tell H2 the type of a parameter bound as null. A node's
    // answer is the response at the command's own offset (see ResultsDao.COMMAND_OFFSET).
    String WHERE = """
            WHERE (CAST(:actor AS VARCHAR) IS NULL OR c.actor = :actor)
              AND (CAST(:since AS TIMESTAMP WITH TIME ZONE) IS NULL OR c.issued_at >= :since)
              AND (CAST(:until AS TIMESTAMP WITH TIME ZONE) IS NULL OR c.issued_at <= :until)
              AND (CAST(:origin AS VARCHAR) IS NULL OR c.origin = :origin)
              AND (CAST(:text AS VARCHAR) IS NULL OR LOCATE(LOWER(:text), LOWER(c.command_text)) > 0)
              AND (CAST(:regex AS VARCHAR) IS NULL OR RE2_FIND(c.command_text, :regex))
              AND (CAST(:targetKind AS VARCHAR) IS NULL
                   OR (c.target_kind = :targetKind AND (CAST(:targetName AS VARCHAR) IS NULL OR c.target_name = :targetName)))
              AND (CAST(:node AS VARCHAR) IS NULL
                   OR (c.target_kind = 'UNICAST' AND c.target_name = :node)
                   OR EXISTS (SELECT 1 FROM expected_node e WHERE e.command_id = c.command_id AND e.node = :node)
                   OR EXISTS (SELECT 1 FROM node_response r
                           WHERE r.command_id = c.command_id AND r.ledger_offset = c.ledger_offset AND r.node = :node))
              AND (CAST(:status AS VARCHAR) IS NULL
                   OR (:status = 'ERROR' AND EXISTS (SELECT 1 FROM node_response r
                           WHERE r.command_id = c.command_id AND r.ledger_offset = c.ledger_offset
                           AND r.status IN ('ERROR', 'REJECTED')))
                   OR (:status = 'EXPIRED' AND (EXISTS (SELECT 1 FROM node_response r
                           WHERE r.command_id = c.command_id AND r.ledger_offset = c.ledger_offset
                           AND r.status = 'EXPIRED')
                       OR (c.deadline < :now AND EXISTS (SELECT 1 FROM expected_node e WHERE e.command_id = c.command_id
                           AND NOT EXISTS (SELECT 1 FROM node_response r WHERE r.command_id = e.command_id AND r.node = e.node
                           AND r.ledger_offset = c.ledger_offset)))))
                   OR (:status = 'PENDING' AND c.deadline >= :now AND EXISTS (SELECT 1 FROM expected_node e
                           WHERE e.command_id = c.command_id AND NOT EXISTS (SELECT 1 FROM node_response r
                           WHERE r.command_id = e.command_id AND r.node = e.node
                           AND r.ledger_offset = c.ledger_offset)))
                   OR (:status = 'REJECTED' AND EXISTS (SELECT 1 FROM node_response r
                           WHERE r.command_id = c.command_id AND r.ledger_offset = c.ledger_offset
                           AND r.status = 'REJECTED')))
            """;

    String COLUMNS = """
            SELECT c.command_id, c.ledger_offset, c.issued_at, c.actor, c.origin, c.target_kind, c.target_name,
                   c.command_text, c.deadline, c.replay_of, c.flush_epoch < (SELECT COUNT(*) FROM results_flush) AS flushed
            FROM issued_command c
            """;

    // one statement per direction: ORDER BY a plain column walks its index and stops at LIMIT, where an ORDER BY CASE
    // sorted every matching row for each page
    @SqlQuery(COLUMNS + WHERE + "ORDER BY c.ledger_offset DESC LIMIT :limit OFFSET :skip")
    @QueryTimeOut(QUERY_TIMEOUT_SECONDS)
    List<HistoryRow> newestFirst(@BindMethods HistoryQuery query);

    @SqlQuery(COLUMNS + WHERE + "ORDER BY c.ledger_offset LIMIT :limit OFFSET :skip")
    @QueryTimeOut(QUERY_TIMEOUT_SECONDS)
    List<HistoryRow> oldestFirst(@BindMethods HistoryQuery query);

    /** The page {@code query} asks for, in its order. */
    default List<HistoryRow> page(HistoryQuery query) {
        return query.oldestFirst() ? oldestFirst(query) : newestFirst(query);
    }

    @SqlQuery("SELECT COUNT(*) FROM issued_command c\n" + WHERE)
    @QueryTimeOut(QUERY_TIMEOUT_SECONDS)
    long count(@BindMethods HistoryQuery query);

    // --status denied lists CommandDenied rows: the filters that apply to a line that never ran (no target, no node)
    String DENIED_WHERE = """
            WHERE (CAST(:actor AS VARCHAR) IS NULL OR d.actor = :actor)
              AND (CAST(:since AS TIMESTAMP WITH TIME ZONE) IS NULL OR d.denied_at >= :since)
              AND (CAST(:until AS TIMESTAMP WITH TIME ZONE) IS NULL OR d.denied_at <= :until)
              AND (CAST(:origin AS VARCHAR) IS NULL OR d.origin = :origin)
              AND (CAST(:text AS VARCHAR) IS NULL OR LOCATE(LOWER(:text), LOWER(d.line)) > 0)
              AND (CAST(:regex AS VARCHAR) IS NULL OR RE2_FIND(d.line, :regex))
            """;

    String DENIED_COLUMNS = """
            SELECT d.ledger_offset, d.denied_at, d.actor, d.origin, d.line, d.rule, d.reason FROM denied_command d
            """;

    @SqlQuery(DENIED_COLUMNS + DENIED_WHERE + "ORDER BY d.ledger_offset DESC LIMIT :limit OFFSET :skip")
    @QueryTimeOut(QUERY_TIMEOUT_SECONDS)
    List<DeniedRow> deniedNewestFirst(@BindMethods HistoryQuery query);

    @SqlQuery(DENIED_COLUMNS + DENIED_WHERE + "ORDER BY d.ledger_offset LIMIT :limit OFFSET :skip")
    @QueryTimeOut(QUERY_TIMEOUT_SECONDS)
    List<DeniedRow> deniedOldestFirst(@BindMethods HistoryQuery query);

    /** The page of denied lines {@code query} asks for, in its order. */
    default List<DeniedRow> deniedPage(HistoryQuery query) {
        return query.oldestFirst() ? deniedOldestFirst(query) : deniedNewestFirst(query);
    }

    @SqlQuery("SELECT COUNT(*) FROM denied_command d\n" + DENIED_WHERE)
    @QueryTimeOut(QUERY_TIMEOUT_SECONDS)
    long deniedCount(@BindMethods HistoryQuery query);

    @SqlQuery(DENIED_COLUMNS + "WHERE d.ledger_offset = :offset")
    Optional<DeniedRow> denied(long offset);

    String POLICY_COLUMNS = """
            SELECT ledger_offset, loaded_at, sha256, policy_text, source, actor, origin FROM policy_load
            """;

    @SqlQuery(POLICY_COLUMNS + "WHERE ledger_offset = :offset")
    Optional<PolicyRow> policyLoad(long offset);

    /** The policy in force at ledger offset {@code offset}: the last PolicyLoaded at or before it; empty before the first. */
    @SqlQuery(POLICY_COLUMNS + "WHERE ledger_offset <= :offset ORDER BY ledger_offset DESC LIMIT 1")
    Optional<PolicyRow> policyAt(long offset);

    /** The policy in force at {@code time}: the last PolicyLoaded stamped at or before it; empty before the first. */
    @SqlQuery(POLICY_COLUMNS + "WHERE loaded_at <= :time ORDER BY ledger_offset DESC LIMIT 1")
    Optional<PolicyRow> policyAtTime(java.time.Instant time);

    /** The policy loaded last, whatever the offset: what a start-up or reload compares its hash with. */
    @SqlQuery(POLICY_COLUMNS + "ORDER BY ledger_offset DESC LIMIT 1")
    Optional<PolicyRow> lastPolicy();

    @SqlQuery(COLUMNS + "WHERE c.ledger_offset = :offset")
    Optional<HistoryRow> command(long offset);

    /** The records claiming command {@code commandId} (issued at {@code commandOffset}) that its nodes refused. */
    @SqlQuery("""
            SELECT node, ledger_offset AS record_offset, output AS reason, finished_at AS refused_at FROM node_response
            WHERE command_id = :commandId AND ledger_offset <> :commandOffset
            ORDER BY ledger_offset, node""")
    @RegisterConstructorMapper(HistoryRecord.RefusedRecord.class)
    List<HistoryRecord.RefusedRecord> refusedRecords(java.util.UUID commandId, long commandOffset);

    @SqlQuery("""
            SELECT ledger_offset, 'flush' AS kind, flushed_at AS occurred_at, actor, origin,
                   'flush control cache' || COALESCE(' (' || reason || ')', '') AS summary
            FROM results_flush WHERE ledger_offset = :offset
            UNION ALL
            SELECT ledger_offset, 'config' AS kind, occurred_at, actor, origin,
                   'config ' || LOWER(action) || ' ' || option_name || COALESCE(' = ' || option_value, '') AS summary
            FROM config_change WHERE ledger_offset = :offset
            UNION ALL
            SELECT ledger_offset, 'cancel' AS kind, cancelled_at AS occurred_at, actor, origin,
                   'cancel ' || CAST(command_id AS VARCHAR) || ': ' || reason AS summary
            FROM command_cancel WHERE ledger_offset = :offset
            UNION ALL
            SELECT ledger_offset, 'batch' AS kind, released_at AS occurred_at, actor, origin,
                   'batch ' || batch || ' of ' || CAST(command_id AS VARCHAR) || ' released' AS summary
            FROM command_batch WHERE ledger_offset = :offset AND batch > 0""")
    Optional<OtherRow> other(long offset);
}
