package io.ecledger.api.projection;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecledger.api.audit.CheckpointDao;
import io.ecledger.api.audit.NodeRefusalDao;
import io.ecledger.api.config.ConfigDao;
import io.ecledger.api.history.HistoryDao;
import io.ecledger.api.history.HistoryRegex;
import io.ecledger.api.membership.MembershipDao;
import io.ecledger.api.retrieve.ResultsDao;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every SQL statement on a projection DAO, read from its annotation, is explained by H2 against tables of 100k rows:
 * a hot one must name an index for every table it reads, never {@code tableScan}. A statement added later is hot until
 * it is listed below as a full read with the reason, so a new query without an index fails here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HotQueryPlansTest {

    private static final int ROWS = 100_000;

    private static final List<Class<?>> DAOS = List.of(ProjectionDao.class, NodeKeyDao.class, ResultsDao.class,
            MembershipDao.class, HistoryDao.class, ConfigDao.class, CheckpointDao.class, NodeRefusalDao.class);

    private static final String REBUILD = "a rebuild drops every row of the view";

    /** Statements that read a whole table by nature, each with why that is not a hot path. */
    private static final Map<String, String> FULL_READS = Map.ofEntries(
            Map.entry("ProjectionDao.deleteOffsets", REBUILD),
            Map.entry("ProjectionDao.deleteTrail", REBUILD),
            Map.entry("ProjectionDao.rebuildPending", "rebuild_pending holds one row at most"),
            Map.entry("ProjectionDao.deleteRebuildPending", "rebuild_pending holds one row at most"),
            Map.entry("MembershipDao.members", "the answer is every member: one row per node, not per command"),
            Map.entry("ConfigDao.changes", "the configuration is every change folded in order (read on a config change)"),
            Map.entry("HistoryDao.count", "the total of a filtered history: every match counts; bounded by the query timeout"),
            Map.entry("HistoryDao.deniedCount", "as count, over denied lines"),
            Map.entry("NodeKeyDao.keys", "the answer is every node key: one row per node key, not per command"),
            Map.entry("NodeKeyDao.allPreseeded", "every preseeded key: a config-sized list, not per command"));

    private static final Pattern SCAN = Pattern.compile("/\\* [A-Z_.]+\\.tableScan \\*/(?!\\s*/\\* direct lookup \\*/)");
    private static final Pattern PARAMETER = Pattern.compile("(?<![:\\w]):[A-Za-z_][\\w.]*");
    // JDBI's @BindList <name>: planned as a list of two values
    private static final Pattern LIST = Pattern.compile("<[A-Za-z_]\\w*>");

    private static final Pattern INDEX = Pattern.compile("/\\* (PUBLIC\\.[^*]*)\\*/");

    private Jdbi jdbi;
    private final Map<String, String> plans = new TreeMap<>();

    @BeforeAll
    void fillEveryViewWith100kRows(@TempDir Path dir) {
        jdbi = ProjectionFixture.h2(dir);
        new Migrations(jdbi, Clock.systemUTC()).migrate();
        HistoryRegex.install(jdbi);
        String range = " FROM SYSTEM_RANGE(0, " + (ROWS - 1) + ")";
        String command = uuid("X / 10");
        jdbi.useHandle(h -> {
            h.execute("INSERT INTO issued_command SELECT " + uuid("X") + ", X, CURRENT_TIMESTAMP, 'actor-' || MOD(X, 7),"
                    + " 'REST', 'BROADCAST', NULL, 'cmd ' || MOD(X, 50), CURRENT_TIMESTAMP, NULL, X / 1000,"
                    + " NULL, NULL, NULL, NULL, NULL, NULL" + range);
            // ten nodes per command out of a thousand-node fleet
            h.execute("INSERT INTO expected_node SELECT " + command + ", MOD(X, 10), 'node-' || MOD(X, 1000),"
                    + " CASE WHEN MOD(X, 3) = 0 THEN NULL ELSE 'sub' END, 0" + range);
            h.execute("INSERT INTO node_response (command_id, node, subcluster, status, output, started_at, finished_at,"
                    + " ledger_offset, key_fingerprint) SELECT " + command + ", 'node-' || MOD(X, 1000), 'sub',"
                    + " CASE WHEN MOD(X, 20) = 0 THEN 'REJECTED' ELSE 'OK' END, 'ok', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP,"
                    + " X / 10, 'fp-' || MOD(X, 1000)" + range);
            h.execute("INSERT INTO command_batch SELECT " + uuid("X") + ", 0, X, CURRENT_TIMESTAMP, 'a', 'REST',"
                    + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP" + range);
            h.execute("INSERT INTO command_cancel SELECT " + uuid("X") + ", " + ROWS + " + X, CURRENT_TIMESTAMP, 'a',"
                    + " 'REST', 'r' FROM SYSTEM_RANGE(0, " + (ROWS / 100 - 1) + ")");
            h.execute("INSERT INTO node_progress SELECT " + command + ", 'node-' || MOD(X, 1000), 'RUNNING',"
                    + " CURRENT_TIMESTAMP" + range);
            h.execute("INSERT INTO node_output_part SELECT " + command + ", 'node-' || MOD(X, 1000), 1, 'part'" + range);
            h.execute("INSERT INTO cluster_member SELECT 'node-' || X, 'sub-' || MOD(X, 10), 'host', '1', CURRENT_TIMESTAMP,"
                    + " FALSE, 'fp-' || X" + range);
            h.execute("INSERT INTO results_flush SELECT X * 1000, X, CURRENT_TIMESTAMP, 'a', 'REST', NULL" + range);
            h.execute("INSERT INTO config_change SELECT X, CURRENT_TIMESTAMP, 'a', 'REST', 'SET', 'Binding', 'o', 'v'" + range);
            h.execute("INSERT INTO chain_checkpoint SELECT X, 'h', CURRENT_TIMESTAMP" + range);
            h.execute("INSERT INTO node_key SELECT 'node-' || X, 'fp-' || X, 'k', CASE WHEN MOD(X, 100) = 0 THEN 'PENDING'"
                    + " ELSE 'ACCEPTED' END, CURRENT_TIMESTAMP, NULL, NULL, NULL" + range);
            h.execute("INSERT INTO preseeded_node_key SELECT 'node-' || X, 'fp-' || X, 'k'" + range);
            h.execute("INSERT INTO quarantined_record SELECT 'responses', 0, X, CASE WHEN MOD(X, 10) = 0 THEN 'LEDGER'"
                    + " ELSE 'RESPONSE' END, 'node-' || MOD(X, 1000), " + command + ", 'sub', NULL, 'fp', 'bad',"
                    + " CASE WHEN MOD(X, 50) = 0 THEN 'MISNAMED' ELSE NULL END, NULL, CURRENT_TIMESTAMP, X'00'" + range);
            h.execute("INSERT INTO denied_command SELECT X, CURRENT_TIMESTAMP, 'actor-' || MOD(X, 7), 'REST', 'l', 'r', 'x'"
                    + range);
            h.execute("INSERT INTO policy_load SELECT X, CURRENT_TIMESTAMP, 's', 'p', 'f', 'a', 'REST'" + range);
            h.execute("INSERT INTO consumed_offset SELECT 'ledger', X, 0 FROM SYSTEM_RANGE(0, 2)");
            h.execute("ANALYZE");
        });
    }

    /** What each hot statement reads through, for a person reviewing indexes: target/hot-query-plans.txt. */
    @AfterAll
    void writeThePlans() throws IOException {
        StringBuilder text = new StringBuilder();
        plans.forEach((name, used) -> text.append(name).append(": ").append(used).append('\n'));
        FULL_READS.forEach((name, why) -> text.append(name).append(": not hot, ").append(why).append('\n'));
        Files.writeString(Path.of("target", "hot-query-plans.txt"), text);
    }

    private static String uuid(String number) {
        return "CAST('00000000-0000-0000-0000-' || LPAD(CAST(" + number + " AS VARCHAR), 12, '0') AS UUID)";
    }

    Stream<Arguments> statements() {
        return everyStatement().stream().map(s -> Arguments.of(s[0], s[1]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("statements")
    void everyHotStatementReadsItsTablesThroughAnIndex(String name, String sql) throws SQLException {
        if (fullRead(name) != null) {
            return;
        }
        String plan = explain(sql);
        Matcher index = INDEX.matcher(plan);
        List<String> used = new ArrayList<>();
        while (index.find()) {
            used.add(index.group(1).trim());
        }
        plans.put(name, String.join(" | ", used));
        assertThat(SCAN.matcher(plan).find()).as("%s scans a table:%n%s", name, plan).isFalse();
    }

    @Test
    void everyFullReadListedIsStillAStatementOfADao() {
        List<String> names = everyStatement().stream().map(s -> s[0]).toList();
        assertThat(FULL_READS.keySet()).allSatisfy(listed ->
                assertThat(names).anySatisfy(name -> assertThat(matches(listed, name)).isTrue()));
    }

    @Test
    void anUnindexedStatementIsCaughtAsATableScan() throws SQLException {
        assertThat(SCAN.matcher(explain("SELECT * FROM node_response WHERE output = :output")).find()).isTrue();
        assertThat(SCAN.matcher(explain("SELECT COUNT(*) FROM node_response")).find()).isFalse();
    }

    private String explain(String sql) throws SQLException {
        String jdbc = PARAMETER.matcher(LIST.matcher(sql).replaceAll("?, ?")).replaceAll("?");
        return jdbi.withHandle(h -> {
            Connection connection = h.getConnection();
            try (PreparedStatement explain = connection.prepareStatement("EXPLAIN " + jdbc)) {
                for (int i = 1; i <= explain.getParameterMetaData().getParameterCount(); i++) {
                    explain.setObject(i, null);
                }
                try (ResultSet plan = explain.executeQuery()) {
                    StringBuilder text = new StringBuilder();
                    while (plan.next()) {
                        text.append(plan.getString(1)).append('\n');
                    }
                    return text.toString();
                }
            }
        });
    }

    private static String fullRead(String name) {
        return FULL_READS.entrySet().stream().filter(e -> matches(e.getKey(), name)).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    private static boolean matches(String listed, String name) {
        return listed.endsWith("*") ? name.startsWith(listed.substring(0, listed.length() - 1)) : listed.equals(name);
    }

    /** Every annotated statement of every DAO as {name, sql}, the name {@code Dao.method} (a suffix when overloaded). */
    private static List<String[]> everyStatement() {
        List<String[]> statements = new ArrayList<>();
        for (Class<?> dao : DAOS) {
            Method[] methods = dao.getDeclaredMethods();
            Arrays.sort(methods, Comparator.comparing(Method::getName).thenComparing(Method::toString));
            for (Method method : methods) {
                String sql = sql(method);
                if (sql != null) {
                    String name = dao.getSimpleName() + "." + method.getName();
                    long same = statements.stream().filter(s -> s[0].equals(name) || s[0].startsWith(name + "#")).count();
                    statements.add(new String[] {same == 0 ? name : name + "#" + same, sql});
                }
            }
        }
        return statements;
    }

    private static String sql(Method method) {
        SqlQuery query = method.getAnnotation(SqlQuery.class);
        SqlUpdate update = method.getAnnotation(SqlUpdate.class);
        SqlBatch batch = method.getAnnotation(SqlBatch.class);
        return query != null ? query.value() : update != null ? update.value() : batch != null ? batch.value() : null;
    }
}
