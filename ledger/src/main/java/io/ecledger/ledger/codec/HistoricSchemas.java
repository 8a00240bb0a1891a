package io.ecledger.ledger.codec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.SchemaStore;

/**
 * Every released version of one top-level schema, by fingerprint: what lets a decoder read a
 * record that an older (or newer, once released) version of ecledger wrote.
 */
final class HistoricSchemas implements SchemaStore {

    private static final String HISTORY = "io/ecledger/schemas/history/";

    private final Map<Long, Schema> byFingerprint = new HashMap<>();

    private HistoricSchemas() {}

    /** The current schema and every {@code history/<name>/vN.avsc} the schemas jar carries. */
    static HistoricSchemas of(Schema current) {
        HistoricSchemas store = new HistoricSchemas();
        store.add(current);
        ClassLoader loader = HistoricSchemas.class.getClassLoader();
        for (int version = 1; ; version++) {
            String path = HISTORY + current.getName() + "/v" + version + ".avsc";
            try (InputStream in = loader.getResourceAsStream(path)) {
                if (in == null) {
                    break;
                }
                store.add(new Schema.Parser().parse(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read released schema " + path, e);
            }
        }
        return store;
    }

    private void add(Schema schema) {
        byFingerprint.putIfAbsent(SchemaNormalization.parsingFingerprint64(schema), schema);
    }

    @Override
    public Schema findByFingerprint(long fingerprint) {
        return byFingerprint.get(fingerprint);
    }

    int size() {
        return byFingerprint.size();
    }
}
