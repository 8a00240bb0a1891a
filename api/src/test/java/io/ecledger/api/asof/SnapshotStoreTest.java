package io.ecledger.api.asof;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotStoreTest {

    private static SnapshotMeta meta(long boundary) {
        return new SnapshotMeta(boundary, 1, boundary + 1, 1, boundary, "h", Map.of(), Map.of(), 1, "k", "");
    }

    private static Path saved(SnapshotStore store, Path directory, long boundary, byte[] bytes) throws IOException {
        Path closed = directory.resolve("tmp").resolve("closed.mv.db");
        Files.write(closed, bytes);
        store.save(closed, meta(boundary));
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.toString().endsWith(String.format("%015d.mv.db", boundary))).findFirst()
                    .orElseThrow();
        }
    }

    @Test
    void aSnapshotAlreadyVerifiedIsRefusedOnceItsFileIsChangedEvenWithItsSizeAndModifiedTimeKept(
            @TempDir Path directory) throws IOException {
        SnapshotStore store = new SnapshotStore(directory, 4);
        byte[] bytes = new byte[64 * 1024];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        Path file = saved(store, directory, 49, bytes);
        SnapshotMeta described = store.list().get(0);

        // verified once, then copied without hashing: both copies are the file
        for (int i = 0; i < 2; i++) {
            Path copy = directory.resolve("copy-" + i);
            assertThat(store.copyTo(described, copy)).isTrue();
            assertThat(Files.readAllBytes(copy)).isEqualTo(bytes);
        }

        FileTime modified = Files.getLastModifiedTime(file);
        bytes[bytes.length / 2] ^= 1;
        Files.write(file, bytes);
        Files.setLastModifiedTime(file, modified);

        assertThat(store.copyTo(described, directory.resolve("copy-tampered"))).isFalse();
        assertThat(store.list()).isEmpty();
    }

    @Test
    void aSnapshotReplacedByAnotherFileOfTheSameSizeIsRefused(@TempDir Path directory) throws IOException {
        SnapshotStore store = new SnapshotStore(directory, 4);
        Path file = saved(store, directory, 99, new byte[4096]);
        SnapshotMeta described = store.list().get(0);
        assertThat(store.copyTo(described, directory.resolve("copy"))).isTrue();

        FileTime modified = Files.getLastModifiedTime(file);
        Path other = directory.resolve("other");
        byte[] forged = new byte[4096];
        forged[0] = 1;
        Files.write(other, forged);
        Files.move(other, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(file, modified);

        assertThat(store.copyTo(described, directory.resolve("copy-forged"))).isFalse();
        assertThat(store.list()).isEmpty();
    }

    @Test
    void aSnapshotReadInPlaceIsHashedOnceAndRefusedOnceItsFileIsChanged(@TempDir Path directory) throws IOException {
        SnapshotStore store = new SnapshotStore(directory, 4);
        byte[] bytes = new byte[64 * 1024];
        bytes[7] = 7;
        Path file = saved(store, directory, 49, bytes);
        SnapshotMeta described = store.list().get(0);

        for (int i = 0; i < 2; i++) {
            SnapshotStore.Checked checked = store.open(described);
            assertThat(checked).isNotNull();
            assertThat(checked.unchanged()).isTrue();
            java.nio.ByteBuffer read = java.nio.ByteBuffer.allocate(bytes.length);
            checked.channel().read(read, 0);
            assertThat(read.array()).isEqualTo(bytes);
            checked.channel().close();
        }

        SnapshotStore.Checked open = store.open(described);
        FileTime modified = Files.getLastModifiedTime(file);
        bytes[bytes.length / 2] ^= 1;
        Files.write(file, bytes);
        Files.setLastModifiedTime(file, modified);

        assertThat(open.unchanged()).as("a question that read it while it was written").isFalse();
        open.channel().close();
        assertThat(store.open(described)).isNull();
        assertThat(store.list()).isEmpty();
    }
}
