package io.ecledger.ledger.codec;

import io.ecledger.ledger.codec.CanonicalCursor.NotCanonical;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * Skips one value of a schema's canonical encoding. Compiled once per writer schema: a chain check walks every record,
 * and asking Avro's {@code Schema} objects for each field's type on every record was half of that walk.
 */
@FunctionalInterface
interface SchemaSkip {

    void over(CanonicalCursor in) throws NotCanonical;

    /** The skip of each field of {@code record}, in order. */
    static SchemaSkip[] ofFields(Schema record) {
        return fields(record, new IdentityHashMap<>());
    }

    private static SchemaSkip[] fields(Schema record, Map<Schema, SchemaSkip[]> compiled) {
        SchemaSkip[] known = compiled.get(record);
        if (known != null) {
            return known;
        }
        List<Schema.Field> fields = record.getFields();
        SchemaSkip[] skips = new SchemaSkip[fields.size()];
        // registered before its fields are compiled, so a record that contains itself refers to this same array
        compiled.put(record, skips);
        for (int i = 0; i < skips.length; i++) {
            skips[i] = of(fields.get(i).schema(), compiled);
        }
        return skips;
    }

    private static SchemaSkip of(Schema schema, Map<Schema, SchemaSkip[]> compiled) {
        switch (schema.getType()) {
            case NULL:
                return in -> { };
            case BOOLEAN:
                return CanonicalCursor::readBoolean;
            case INT:
                return CanonicalCursor::readInt;
            case LONG:
                return CanonicalCursor::readLong;
            case STRING:
            case BYTES:
                return CanonicalCursor::skipLengthPrefixed;
            case FIXED: {
                int size = schema.getFixedSize();
                return in -> in.skip(size);
            }
            case ENUM: {
                int symbols = schema.getEnumSymbols().size();
                return in -> in.readIndex(symbols);
            }
            case UNION: {
                SchemaSkip[] branches = schema.getTypes().stream().map(t -> of(t, compiled)).toArray(SchemaSkip[]::new);
                return in -> branches[in.readIndex(branches.length)].over(in);
            }
            case RECORD: {
                SchemaSkip[] fields = fields(schema, compiled);
                return in -> {
                    for (SchemaSkip field : fields) {
                        field.over(in);
                    }
                };
            }
            case ARRAY:
                return blocks(of(schema.getElementType(), compiled), false);
            case MAP:
                return blocks(of(schema.getValueType(), compiled), true);
            default:
                // FLOAT, DOUBLE: no ecledger schema has them; floating point bit patterns are not worth vouching for
                return in -> {
                    throw CanonicalCursor.NOT_CANONICAL;
                };
        }
    }

    // Avro's writer puts every item in one block: a positive count, the items, a zero; or just the zero
    private static SchemaSkip blocks(SchemaSkip item, boolean keyed) {
        return in -> {
            long count = in.readBlockCount();
            for (long i = 0; i < count; i++) {
                if (keyed) {
                    in.skipLengthPrefixed();
                }
                item.over(in);
            }
            in.endBlocks(count);
        };
    }
}
