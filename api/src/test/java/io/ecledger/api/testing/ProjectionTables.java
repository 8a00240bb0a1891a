package io.ecledger.api.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every row of every table of a manager's H2 file, each row as its columns' text, in a total order: what "the
 * projection equals a fresh rebuild row for row" compares. The tables come from {@code INFORMATION_SCHEMA}, so a
 * table a later migration adds is compared without anyone remembering to list it.
 */
public final class ProjectionTables {

    /**
     * Tables that are not views of the topics, so a rebuild does not make them again: the migrations' own record
     * ({@code applied_at} is when this file was migrated) and the chain checkpoints (audit anchors the chain
     * monitor records as it verifies, with the time it did).
     */
    private static final Set<String> NOT_VIEWS = Set.of("SCHEMA_VERSION", "CHAIN_CHECKPOINT");

    private ProjectionTables() {}

    /**
     * The views in the H2 file of the data directory {@code data} ({@code ecledger.mv.db}, the manager's default),
     * table name to sorted rows. In another process only once the manager that holds the file has stopped.
     */
    public static Map<String, List<String>> of(Path data) throws SQLException {
        return read(data, "jdbc:h2:file:" + data.resolve("ecledger"));
    }

    /**
     * As {@link #of(Path)} while the manager of another process holds the file, opened with {@code AUTO_SERVER=TRUE}
     * as its {@code database.url} says: the read goes through the server H2 runs inside that manager.
     */
    public static Map<String, List<String>> ofRunning(Path data) throws SQLException {
        return read(data, "jdbc:h2:file:" + data.resolve("ecledger") + ";AUTO_SERVER=TRUE");
    }

    private static Map<String, List<String>> read(Path data, String url) throws SQLException {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        try (Connection db = DriverManager.getConnection(url, "sa", "");
                Statement statement = db.createStatement()) {
            List<String> names = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES "
                    + "WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            if (names.isEmpty()) {
                throw new AssertionError("no tables in the H2 file of " + data + ": not a manager's data directory?");
            }
            for (String table : names) {
                if (!NOT_VIEWS.contains(table)) {
                    tables.put(table.toLowerCase(java.util.Locale.ROOT), rows(statement, table));
                }
            }
        }
        return tables;
    }

    private static List<String> rows(Statement statement, String table) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery("SELECT * FROM \"" + table + "\"")) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.append(meta.getColumnName(i)).append('=').append(rs.getString(i)).append(' ');
                }
                rows.add(row.toString());
            }
        }
        rows.sort(null);
        return rows;
    }
}
