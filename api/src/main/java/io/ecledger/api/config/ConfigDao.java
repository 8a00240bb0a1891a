package io.ecledger.api.config;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Reads the projected configuration changes. */
@RegisterConstructorMapper(ConfigChangeRow.class)
public interface ConfigDao {

    @SqlQuery("""
            SELECT ledger_offset, occurred_at, actor, origin, action, scope_path, option_name, option_value
            FROM config_change
            ORDER BY ledger_offset""")
    List<ConfigChangeRow> changes();
}
