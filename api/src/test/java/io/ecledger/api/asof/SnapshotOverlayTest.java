package io.ecledger.api.asof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.h2.store.fs.FilePath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotOverlayTest {

    /** An H2 file of 2,000 rows, closed compacted as a snapshot is. */
    private static Path snapshot(Path directory) throws SQLException {
        String url = "jdbc:h2:file:" + directory.resolve("snap");
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(100))");
            s.execute("INSERT INTO t SELECT x, 'row ' || x FROM SYSTEM_RANGE(1, 2000)");
            s.execute("SHUTDOWN COMPACT");
        }
        return directory.resolve("snap.mv.db");
    }

    private static SnapshotOverlay overlay(Path file) throws IOException {
        return SnapshotOverlay.over(FileChannel.open(file, StandardOpenOption.READ));
    }

    private static List<String> query(Connection c, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                rows.add(r.getString(1));
            }
        }
        return rows;
    }

    private static Connection connect(SnapshotOverlay overlay) throws SQLException {
        return DriverManager.getConnection("jdbc:h2:" + overlay.database() + ";DB_CLOSE_DELAY=-1;TRACE_LEVEL_FILE=0");
    }

    private static void shutdown(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SHUTDOWN IMMEDIATELY");
        }
    }

    @Test
    void aQuestionWritesOnTopOfTheSnapshotWithoutWritingTheSnapshotFile(@TempDir Path directory) throws Exception {
        Path file = snapshot(directory);
        byte[] before = Files.readAllBytes(file);
        SnapshotStore.Identity identity = SnapshotStore.Identity.of(file);

        try (SnapshotOverlay overlay = overlay(file); Connection c = connect(overlay)) {
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO t SELECT x, 'new ' || x FROM SYSTEM_RANGE(2001, 2100)");
                s.execute("UPDATE t SET v = 'changed' WHERE id = 7");
                s.execute("DELETE FROM t WHERE id = 8");
                // written out to the file store now, not kept in H2's memory until later
                s.execute("CHECKPOINT");
            }
            assertThat(query(c, "SELECT COUNT(*) FROM t")).containsExactly("2099");
            assertThat(query(c, "SELECT v FROM t WHERE id IN (6, 7, 2100) ORDER BY id"))
                    .containsExactly("row 6", "changed", "new 2100");
            assertThat(overlay.written()).as("bytes kept in memory").isPositive().isLessThan(before.length);
            shutdown(c);
        }

        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(SnapshotStore.Identity.of(file)).isEqualTo(identity);
        assertThat(Files.list(directory).map(p -> p.getFileName().toString())).containsExactly("snap.mv.db");
    }

    @Test
    void twoQuestionsOverOneSnapshotDoNotSeeEachOthersWrites(@TempDir Path directory) throws Exception {
        Path file = snapshot(directory);
        try (SnapshotOverlay first = overlay(file); SnapshotOverlay second = overlay(file);
             Connection a = connect(first); Connection b = connect(second)) {
            try (Statement s = a.createStatement()) {
                s.execute("UPDATE t SET v = 'first' WHERE id = 1");
            }
            try (Statement s = b.createStatement()) {
                s.execute("DELETE FROM t WHERE id = 1");
            }
            assertThat(query(a, "SELECT v FROM t WHERE id = 1")).containsExactly("first");
            assertThat(query(b, "SELECT v FROM t WHERE id = 1")).isEmpty();
            shutdown(a);
            shutdown(b);
        }
    }

    @Test
    void aFileTruncatedAndGrownAgainReadsZerosWhereTheSnapshotHadBytes(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("plain");
        byte[] bytes = new byte[3 * 4096 + 100];
        java.util.Arrays.fill(bytes, (byte) 7);
        Files.write(file, bytes);
        try (SnapshotOverlay overlay = overlay(file);
             FileChannel channel = FilePath.get(overlay.database() + ".mv.db").open("rw")) {
            assertThat(channel.size()).isEqualTo(bytes.length);
            channel.write(ByteBuffer.wrap(new byte[] {1, 2, 3}), 4094);
            channel.truncate(4096 + 10);
            channel.write(ByteBuffer.wrap(new byte[] {9}), 3 * 4096);

            ByteBuffer read = ByteBuffer.allocate((int) channel.size());
            assertThat(channel.read(read, 0)).isEqualTo(3 * 4096 + 1);
            byte[] expected = new byte[3 * 4096 + 1];
            java.util.Arrays.fill(expected, 0, 4096 + 10, (byte) 7);
            expected[4094] = 1;
            expected[4095] = 2;
            expected[4096] = 3;
            expected[3 * 4096] = 9;
            assertThat(read.array()).isEqualTo(expected);
            assertThat(channel.read(ByteBuffer.allocate(1), channel.size())).isEqualTo(-1);
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
    }

    @Test
    void aClosedOverlayCannotBeOpenedAgain(@TempDir Path directory) throws Exception {
        Path file = snapshot(directory);
        SnapshotOverlay overlay = overlay(file);
        overlay.close();

        assertThatThrownBy(() -> FilePath.get(overlay.database() + ".mv.db").open("r"))
                .isInstanceOf(IOException.class).hasMessageContaining("closed");
    }
}
