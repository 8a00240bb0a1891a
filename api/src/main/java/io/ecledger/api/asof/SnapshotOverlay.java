package io.ecledger.api.asof;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.h2.store.fs.FileBaseDefault;
import org.h2.store.fs.FilePath;

/**
 * The H2 files of one as-of question: the snapshot file read in place, every write H2 makes kept in memory, so the
 * question costs what it reads and writes, not a copy of the whole snapshot (which grows with the ledger). The
 * snapshot file is never written. An H2 {@link FilePath} of its own scheme: {@link #database()} names the database in
 * a JDBC URL; {@link #close()} drops what was written and closes the snapshot.
 */
final class SnapshotOverlay implements AutoCloseable {

    private static final String SCHEME = "ecledgeroverlay";
    private static final String DATABASE = "fold";
    // H2 writes the file store in blocks of 4 KiB; a write copies the block it lands in once
    private static final int BLOCK = 4096;
    private static final Map<String, SnapshotOverlay> OPEN = new ConcurrentHashMap<>();

    static {
        FilePath.register(new OverlayPath());
    }

    private final String id = UUID.randomUUID().toString();
    private final FileChannel snapshot;
    // file name -> its content; the database file starts as the snapshot
    private final Map<String, Content> files = new ConcurrentHashMap<>();

    private SnapshotOverlay(FileChannel snapshot) throws IOException {
        this.snapshot = snapshot;
        files.put(DATABASE + ".mv.db", new Content(snapshot, snapshot.size()));
    }

    /** An overlay over the open, checked snapshot file {@code snapshot}; closing the overlay closes it. */
    static SnapshotOverlay over(FileChannel snapshot) throws IOException {
        SnapshotOverlay overlay = new SnapshotOverlay(snapshot);
        OPEN.put(overlay.id, overlay);
        return overlay;
    }

    /** The database name for an H2 URL: {@code jdbc:h2:} followed by this. */
    String database() {
        return SCHEME + ":" + id + "/" + DATABASE;
    }

    /** Bytes written so far, in memory: what the question changed. */
    long written() {
        return files.values().stream().mapToLong(Content::written).sum();
    }

    @Override
    public void close() throws IOException {
        OPEN.remove(id);
        files.clear();
        snapshot.close();
    }

    /** One file: the bytes below {@code baseLimit} not yet written come from {@code base}; the rest from memory. */
    private static final class Content {
        private final FileChannel base;
        private long baseLimit;
        private long length;
        private final Map<Long, byte[]> blocks = new HashMap<>();

        Content(FileChannel base, long length) {
            this.base = base;
            this.baseLimit = base == null ? 0 : length;
            this.length = length;
        }

        synchronized long length() {
            return length;
        }

        synchronized long written() {
            return (long) blocks.size() * BLOCK;
        }

        synchronized int read(ByteBuffer dst, long position) throws IOException {
            if (position >= length) {
                return -1;
            }
            int count = (int) Math.min(dst.remaining(), length - position);
            for (int done = 0; done < count; ) {
                long at = position + done;
                int offset = (int) (at % BLOCK);
                int chunk = Math.min(count - done, BLOCK - offset);
                byte[] block = blocks.get(at / BLOCK);
                if (block != null) {
                    dst.put(block, offset, chunk);
                } else {
                    fromBase(dst, at, chunk);
                }
                done += chunk;
            }
            return count;
        }

        synchronized int write(ByteBuffer src, long position) throws IOException {
            int count = src.remaining();
            for (int done = 0; done < count; ) {
                long at = position + done;
                int offset = (int) (at % BLOCK);
                int chunk = Math.min(count - done, BLOCK - offset);
                src.get(block(at / BLOCK), offset, chunk);
                done += chunk;
            }
            length = Math.max(length, position + count);
            return count;
        }

        synchronized void truncate(long newLength) {
            if (newLength >= length) {
                return;
            }
            length = newLength;
            // what lies past the new end reads as zeros if the file grows again, not as the snapshot did
            baseLimit = Math.min(baseLimit, newLength);
            blocks.keySet().removeIf(index -> index * BLOCK >= newLength);
            byte[] last = blocks.get(newLength / BLOCK);
            if (last != null) {
                java.util.Arrays.fill(last, (int) (newLength % BLOCK), BLOCK, (byte) 0);
            }
        }

        // the block at index, copied from the snapshot the first time it is written
        private byte[] block(long index) throws IOException {
            byte[] block = blocks.get(index);
            if (block == null) {
                block = new byte[BLOCK];
                fromBase(ByteBuffer.wrap(block), index * BLOCK, BLOCK);
                blocks.put(index, block);
            }
            return block;
        }

        // count bytes at position from the snapshot, zeros past what it still shows
        private void fromBase(ByteBuffer dst, long position, int count) throws IOException {
            int fromBase = (int) Math.max(0, Math.min(count, baseLimit - position));
            if (fromBase > 0) {
                ByteBuffer part = dst.slice(dst.position(), fromBase);
                while (part.hasRemaining()) {
                    if (base.read(part, position + part.position()) < 0) {
                        throw new IOException("the snapshot ended early at " + (position + part.position()));
                    }
                }
                dst.position(dst.position() + fromBase);
            }
            for (int i = fromBase; i < count; i++) {
                dst.put((byte) 0);
            }
        }
    }

    /** A channel on one {@link Content}. */
    private static final class OverlayChannel extends FileBaseDefault {
        private final Content content;
        private final boolean readOnly;

        OverlayChannel(Content content, boolean readOnly) {
            this.content = content;
            this.readOnly = readOnly;
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return content.read(dst, position);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            if (readOnly) {
                throw new java.nio.channels.NonWritableChannelException();
            }
            return content.write(src, position);
        }

        @Override
        public long size() {
            return content.length();
        }

        @Override
        protected void implTruncate(long newLength) {
            content.truncate(newLength);
        }

        // H2 locks its file store; an overlay belongs to one question, so no other process or database shares it
        @Override
        public FileLock tryLock(long position, long size, boolean shared) {
            return new FileLock(this, position, size, shared) {
                private volatile boolean valid = true;

                @Override
                public boolean isValid() {
                    return valid && isOpen();
                }

                @Override
                public void release() {
                    valid = false;
                }
            };
        }
    }

    /**
     * H2's view of the overlays: {@code ecledgeroverlay:ID/NAME} is file NAME of overlay ID, {@code
     * ecledgeroverlay:ID} its directory. A file H2 makes beside the database (none is expected) lives in memory too.
     */
    static final class OverlayPath extends FilePath {

        // of the path this names: the overlay, and the file's name inside it (null for the overlay's directory)
        private final String id;
        private final String file;

        /** The instance H2 registers, which only makes the others. */
        OverlayPath() {
            this(null, null);
        }

        private OverlayPath(String id, String file) {
            this.id = id;
            this.file = file;
        }

        @Override
        public String getScheme() {
            return SCHEME;
        }

        @Override
        public FilePath getPath(String path) {
            String rest = path.substring(SCHEME.length() + 1);
            int slash = rest.indexOf('/');
            OverlayPath p = slash < 0 ? new OverlayPath(rest, null) : new OverlayPath(rest.substring(0, slash),
                    slash == rest.length() - 1 ? null : rest.substring(slash + 1));
            p.name = path;
            return p;
        }

        private SnapshotOverlay overlay() throws IOException {
            SnapshotOverlay overlay = OPEN.get(id);
            if (overlay == null) {
                throw new IOException(name + ": that as-of overlay is closed");
            }
            return overlay;
        }

        private Content content() {
            SnapshotOverlay overlay = OPEN.get(id);
            return overlay == null || file == null ? null : overlay.files.get(file);
        }

        @Override
        public long size() {
            Content content = content();
            return content == null ? 0 : content.length();
        }

        @Override
        public void moveTo(FilePath newName, boolean atomicReplace) {
            SnapshotOverlay overlay = OPEN.get(id);
            Content content = content();
            if (overlay == null || content == null || !(newName instanceof OverlayPath target)
                    || !target.id.equals(id) || target.file == null) {
                throw new IllegalStateException("cannot move " + name + " to " + newName);
            }
            overlay.files.remove(file);
            overlay.files.put(target.file, content);
        }

        @Override
        public boolean createFile() {
            SnapshotOverlay overlay = OPEN.get(id);
            return overlay != null && file != null && overlay.files.putIfAbsent(file, new Content(null, 0)) == null;
        }

        @Override
        public boolean exists() {
            return file == null ? OPEN.containsKey(id) : content() != null;
        }

        @Override
        public void delete() {
            SnapshotOverlay overlay = OPEN.get(id);
            if (overlay != null && file != null) {
                overlay.files.remove(file);
            }
        }

        @Override
        public List<FilePath> newDirectoryStream() {
            SnapshotOverlay overlay = OPEN.get(id);
            List<FilePath> listed = new ArrayList<>();
            if (overlay != null && file == null) {
                overlay.files.keySet().forEach(f -> listed.add(getPath(SCHEME + ":" + id + "/" + f)));
            }
            return listed;
        }

        @Override
        public FilePath toRealPath() {
            return this;
        }

        @Override
        public FilePath getParent() {
            return file == null ? null : getPath(SCHEME + ":" + id);
        }

        @Override
        public boolean isDirectory() {
            return file == null && OPEN.containsKey(id);
        }

        @Override
        public boolean isRegularFile() {
            return content() != null;
        }

        @Override
        public boolean isAbsolute() {
            return true;
        }

        @Override
        public long lastModified() {
            return 0;
        }

        @Override
        public boolean canWrite() {
            return true;
        }

        @Override
        public void createDirectory() {
            // an overlay's only directory exists while the overlay is open
        }

        @Override
        public boolean setReadOnly() {
            return false;
        }

        @Override
        public FileChannel open(String mode) throws IOException {
            SnapshotOverlay overlay = overlay();
            if (file == null) {
                throw new IOException(name + " is a directory");
            }
            boolean readOnly = mode.equals("r");
            Content content = readOnly ? overlay.files.get(file)
                    : overlay.files.computeIfAbsent(file, f -> new Content(null, 0));
            if (content == null) {
                throw new java.io.FileNotFoundException(name);
            }
            return new OverlayChannel(content, readOnly);
        }
    }
}
