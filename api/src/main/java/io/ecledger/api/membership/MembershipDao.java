package io.ecledger.api.membership;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Reads the members table of the projection. */
@RegisterConstructorMapper(MemberRow.class)
public interface MembershipDao {

    @SqlQuery("""
            SELECT node, subcluster, host, version, last_seen, has_left
            FROM cluster_member
            ORDER BY subcluster, node""")
    List<MemberRow> members();
}
