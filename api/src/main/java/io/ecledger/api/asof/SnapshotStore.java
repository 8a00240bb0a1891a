package io.ecledger.api.asof;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The as-of snapshots in one directory: {@code snapshot-<boundary>.mv.db}, an H2 file, and {@code
 * snapshot-<boundary>.properties}, its {@link SnapshotMeta}. A snapshot counts only once its description is written
 * (last, after the file); one whose file no longer hashes as described is deleted with a WARN. Never the truth: any
 * of them can be deleted, and the builder makes it again from the ledger.
 */
final class SnapshotStore {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotStore.class);

    private final Path directory;
    private final int keep;
    // answers copy under the read lock; saving and pruning delete under the write lock
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    // boundary and described hash -> the file's identity when it last hashed as described
    private final Map<String, Identity> verified = new ConcurrentHashMap<>();

    SnapshotStore(Path directory, int keep) {
        this.directory = directory;
        this.keep = keep;
        try {
            Files.createDirectories(directory.resolve("tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the as-of snapshot directory " + directory, e);
        }
    }

    Path directory() {
        return directory;
    }

    /** A fresh directory for one fold's scratch files. */
    Path scratch() throws IOException {
        return Files.createTempDirectory(directory.resolve("tmp"), "fold-");
    }

    /** The snapshots described, by boundary; an unreadable description is deleted with its file. */
    List<SnapshotMeta> list() {
        List<SnapshotMeta> metas = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".properties")).toList()) {
                try {
                    metas.add(SnapshotMeta.read(file));
                } catch (IOException e) {
                    LOG.warn("as-of snapshot {} discarded: {}", file, e.getMessage());
                    deleteQuietly(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
        metas.sort(Comparator.comparingLong(SnapshotMeta::boundary));
        return metas;
    }

    private Path database(long boundary) {
        return directory.resolve(String.format("snapshot-%015d.mv.db", boundary));
    }

    private Path description(long boundary) {
        return directory.resolve(String.format("snapshot-%015d.properties", boundary));
    }

    /**
     * Copies {@code meta}'s file to {@code target}; false (and the snapshot deleted) when it is not as described. The
     * file is hashed the first time and again whenever its {@link Identity} changes; while it stays the same file,
     * unwritten since it hashed right, a plain copy suffices, so a question does not hash the whole snapshot each time.
     */
    boolean copyTo(SnapshotMeta meta, Path target) {
        Path file = database(meta.boundary());
        lock.readLock().lock();
        String hash;
        try {
            Identity before = Identity.of(file);
            if (before.equals(verified.get(meta.boundary() + "\n" + meta.fileHash()))) {
                Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                // written while it was copied: hash what was copied instead of trusting it
                if (before.equals(Identity.of(file))) {
                    return true;
                }
                hash = hashOf(target);
            } else {
                try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha256());
                     OutputStream out = Files.newOutputStream(target)) {
                    in.transferTo(out);
                    hash = HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
                }
                if (hash.equals(meta.fileHash()) && before.equals(Identity.of(file))) {
                    verified.put(meta.boundary() + "\n" + meta.fileHash(), before);
                }
            }
        } catch (java.nio.file.NoSuchFileException e) {
            return false; // pruned since it was listed: not a wrong snapshot
        } catch (IOException e) {
            hash = "unreadable: " + e.getMessage();
        } finally {
            lock.readLock().unlock();
        }
        if (!hash.equals(meta.fileHash())) {
            discard(meta, "its file hashes to " + hash + ", not the " + meta.fileHash() + " it was written with");
            return false;
        }
        return true;
    }

    /** An open snapshot file that hashed as described, and the identity it had then. */
    record Checked(FileChannel channel, Path file, Identity identity) {
        /** False when the file was written or replaced since it was checked: what was read is not vouched for. */
        boolean unchanged() {
            try {
                return identity.equals(Identity.of(file));
            } catch (IOException e) {
                return false;
            }
        }
    }

    /**
     * Opens {@code meta}'s file to be read in place; null (and the snapshot deleted) when it is not as described, or
     * when it was pruned since it was listed. Hashed as {@link #copyTo} hashes: the first time, then whenever its
     * {@link Identity} changes. The caller closes the channel, and trusts what it read only while {@link
     * Checked#unchanged()}.
     */
    Checked open(SnapshotMeta meta) {
        Path file = database(meta.boundary());
        String key = meta.boundary() + "\n" + meta.fileHash();
        FileChannel channel = null;
        String hash;
        lock.readLock().lock();
        try {
            Identity before = Identity.of(file);
            channel = FileChannel.open(file, StandardOpenOption.READ);
            // the same identity after opening: the channel is on the file that identity names
            boolean same = before.equals(Identity.of(file));
            if (same && before.equals(verified.get(key))) {
                return new Checked(channel, file, before);
            }
            hash = hashOf(channel);
            if (hash.equals(meta.fileHash()) && same && before.equals(Identity.of(file))) {
                verified.put(key, before);
                return new Checked(channel, file, before);
            }
        } catch (java.nio.file.NoSuchFileException e) {
            closeQuietly(channel);
            return null; // pruned since it was listed: not a wrong snapshot
        } catch (IOException e) {
            hash = "unreadable: " + e.getMessage();
        } finally {
            lock.readLock().unlock();
        }
        closeQuietly(channel);
        if (hash.equals(meta.fileHash())) {
            return null; // written while it was hashed: not vouched for this time, not proven wrong either
        }
        discard(meta, "its file hashes to " + hash + ", not the " + meta.fileHash() + " it was written with");
        return null;
    }

    private static String hashOf(FileChannel channel) throws IOException {
        MessageDigest digest = sha256();
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        long at = 0;
        int read;
        while ((read = channel.read(buffer, at)) > 0) {
            at += read;
            digest.update(buffer.flip());
            buffer.clear();
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Closes {@code closeable} (nothing when null); a failure to close is logged, not thrown. */
    static void closeQuietly(AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("cannot close an as-of snapshot file: {}", e.getMessage());
            }
        }
    }

    /**
     * Which file a path names and whether it was written: any write moves its change time, which (unlike its
     * modification time) no user-level call can set back, and a replaced file has another inode.
     */
    record Identity(Object key, long size, long modified, long changed) {
        static Identity of(Path file) throws IOException {
            Map<String, Object> unix;
            try {
                unix = Files.readAttributes(file, "unix:ino,dev,size,lastModifiedTime,ctime");
            } catch (UnsupportedOperationException | IllegalArgumentException e) {
                // no change time here: an identity that never matches, so every copy is hashed
                return new Identity(new Object(), -1, -1, -1);
            }
            return new Identity(unix.get("dev") + ":" + unix.get("ino"), (Long) unix.get("size"),
                    ((FileTime) unix.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS),
                    ((FileTime) unix.get("ctime")).to(TimeUnit.NANOSECONDS));
        }
    }

    private static String hashOf(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return hashOf(channel);
        }
    }

    /** Deletes {@code meta}'s snapshot with a WARN saying why. */
    void discard(SnapshotMeta meta, String why) {
        LOG.warn("as-of snapshot at ledger offset {} discarded: {}; it will be made again from the ledger",
                meta.boundary(), why);
        delete(meta.boundary());
    }

    /** Moves the closed H2 file {@code closed} in as the snapshot {@code meta} describes, then prunes. */
    void save(Path closed, SnapshotMeta meta) throws IOException {
        String hash = hashOf(closed);
        SnapshotMeta described = new SnapshotMeta(meta.boundary(), meta.watermark(), meta.ledgerNext(),
                meta.ledgerMax(), meta.lastOffset(), meta.lastHash(), meta.responses(), meta.membership(),
                meta.schema(), meta.keys(), hash);
        lock.writeLock().lock();
        try {
            Files.move(closed, database(meta.boundary()), StandardCopyOption.REPLACE_EXISTING);
            Path written = directory.resolve("tmp").resolve(description(meta.boundary()).getFileName());
            described.write(written);
            Files.move(written, description(meta.boundary()), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            prune();
        } finally {
            lock.writeLock().unlock();
        }
    }

    // bounded count: drop the inner snapshot whose loss leaves the smallest gap, so old points stay covered sparsely
    private void prune() {
        List<SnapshotMeta> metas = list();
        while (metas.size() > keep) {
            int drop = 1;
            long smallest = Long.MAX_VALUE;
            for (int i = 1; i < metas.size() - 1; i++) {
                long gap = metas.get(i + 1).boundary() - metas.get(i - 1).boundary();
                if (gap < smallest) {
                    smallest = gap;
                    drop = i;
                }
            }
            delete(metas.remove(drop).boundary());
        }
    }

    private void delete(long boundary) {
        verified.keySet().removeIf(key -> key.startsWith(boundary + "\n"));
        deleteQuietly(description(boundary));
        deleteQuietly(database(boundary));
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", file, e.getMessage());
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256", e);
        }
    }
}
