package io.ecledger.api.rollout;

import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * Reads the rollouts that still have batches to release from the projection, from a ledger offset on: the driver
 * never looks again below the oldest one open, so a tick reads the recent commands, not all of them.
 */
@RegisterConstructorMapper(OpenRollout.class)
public interface RolloutDao {

    @SqlQuery("""
            SELECT i.command_id, i.ledger_offset, i.command_text, i.batch_wait_ms, i.max_errors,
                   (SELECT COUNT(*) FROM command_batch b WHERE b.command_id = i.command_id) AS released,
                   (SELECT MAX(e.batch) + 1 FROM expected_node e WHERE e.command_id = i.command_id) AS batches
            FROM issued_command i
            WHERE i.ledger_offset >= :from AND i.rollout IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM command_cancel c WHERE c.command_id = i.command_id)
              AND (SELECT COUNT(*) FROM command_batch b WHERE b.command_id = i.command_id)
                  < (SELECT MAX(e.batch) + 1 FROM expected_node e WHERE e.command_id = i.command_id)
            ORDER BY i.ledger_offset""")
    List<OpenRollout> open(long from);

    @SqlQuery("SELECT COALESCE(MAX(ledger_offset), -1) FROM issued_command")
    long lastCommandOffset();

    @SqlQuery("SELECT node FROM expected_node WHERE command_id = :commandId AND batch = :batch ORDER BY seq")
    List<String> nodesOf(UUID commandId, int batch);
}
