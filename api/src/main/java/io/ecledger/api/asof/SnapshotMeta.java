package io.ecledger.api.asof;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What an as-of snapshot reflects: every record whose Kafka timestamp is at or before {@code watermark}, as partition
 * prefixes. {@code ledgerNext} and each partition's {@code next} are the first offsets not in it; {@code max} the
 * running maximum of the timestamps folded, so the records after it are ordered as a fold from offset 0 orders them.
 * The ledger record at {@code lastOffset} hashes to {@code lastHash} (SHA-256 of its bytes), the file to {@code
 * fileHash}, and it was made for the trusted keys that hash to {@code keys} at projection schema {@code schema}.
 */
record SnapshotMeta(long boundary, long watermark, long ledgerNext, long ledgerMax, long lastOffset, String lastHash,
                    Map<Integer, Mark> responses, Map<Integer, Mark> membership, int schema, String keys,
                    String fileHash) {

    /** Where one partition's prefix ends and the running maximum of its timestamps there. */
    record Mark(long next, long max) {}

    /** Nothing folded yet: the fold from offset 0. */
    static final SnapshotMeta EMPTY = new SnapshotMeta(-1, Long.MIN_VALUE, 0, Long.MIN_VALUE, -1, "",
            Map.of(), Map.of(), 0, "", "");

    SnapshotMeta {
        responses = Map.copyOf(responses);
        membership = Map.copyOf(membership);
    }

    boolean empty() {
        return boundary < 0;
    }

    void write(Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("boundary", Long.toString(boundary));
        p.setProperty("watermark", Long.toString(watermark));
        p.setProperty("ledger.next", Long.toString(ledgerNext));
        p.setProperty("ledger.max", Long.toString(ledgerMax));
        p.setProperty("ledger.lastOffset", Long.toString(lastOffset));
        p.setProperty("ledger.lastHash", lastHash);
        marks(p, "responses", responses);
        marks(p, "membership", membership);
        p.setProperty("schema", Integer.toString(schema));
        p.setProperty("keys", keys);
        p.setProperty("file.sha256", fileHash);
        try (Writer out = Files.newBufferedWriter(file)) {
            p.store(out, "ecledger as-of snapshot; rebuilt from the ledger when missing or wrong");
        }
    }

    private static void marks(Properties p, String topic, Map<Integer, Mark> marks) {
        marks.forEach((partition, mark) -> {
            p.setProperty(topic + "." + partition + ".next", Long.toString(mark.next()));
            p.setProperty(topic + "." + partition + ".max", Long.toString(mark.max()));
        });
    }

    static SnapshotMeta read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        }
        try {
            return new SnapshotMeta(num(p, "boundary"), num(p, "watermark"), num(p, "ledger.next"), num(p, "ledger.max"),
                    num(p, "ledger.lastOffset"), text(p, "ledger.lastHash"), marks(p, "responses"),
                    marks(p, "membership"), (int) num(p, "schema"), text(p, "keys"), text(p, "file.sha256"));
        } catch (RuntimeException e) {
            throw new IOException("unreadable snapshot description " + file + ": " + e.getMessage(), e);
        }
    }

    private static Map<Integer, Mark> marks(Properties p, String topic) {
        Map<Integer, Mark> marks = new TreeMap<>();
        for (String name : p.stringPropertyNames()) {
            if (name.startsWith(topic + ".") && name.endsWith(".next")) {
                int partition = Integer.parseInt(name.substring(topic.length() + 1, name.length() - ".next".length()));
                marks.put(partition, new Mark(num(p, name), num(p, topic + "." + partition + ".max")));
            }
        }
        return marks;
    }

    private static long num(Properties p, String name) {
        return Long.parseLong(text(p, name));
    }

    private static String text(Properties p, String name) {
        String value = p.getProperty(name);
        if (value == null) {
            throw new IllegalArgumentException("no " + name);
        }
        return value;
    }
}
