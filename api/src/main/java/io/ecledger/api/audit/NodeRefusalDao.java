package io.ecledger.api.audit;

import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The ledger records node agents refused to run (their REJECTED answers), as the projection holds them. */
@RegisterConstructorMapper(NodeRefusalDao.Latest.class)
public interface NodeRefusalDao {

    /** The newest refusal: the ledger offset of the refused record, the node, and the agent's reason. */
    record Latest(long ledgerOffset, String node, String output) {}

    @SqlQuery("SELECT COUNT(*) FROM node_response WHERE status = 'REJECTED'")
    long count();

    @SqlQuery("""
            SELECT ledger_offset, node, output FROM node_response WHERE status = 'REJECTED'
            ORDER BY ledger_offset DESC, node LIMIT 1""")
    Optional<Latest> latest();
}
