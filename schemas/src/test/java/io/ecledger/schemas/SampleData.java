package io.ecledger.schemas;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

/** Builds an arbitrary but deterministic datum for any schema, so every schema version can write a record. */
final class SampleData {

    private final Random random;

    SampleData(long seed) {
        this.random = new Random(seed);
    }

    Object of(Schema schema) {
        switch (schema.getType()) {
            case RECORD: {
                GenericData.Record record = new GenericData.Record(schema);
                for (Schema.Field field : schema.getFields()) {
                    record.put(field.pos(), of(field.schema()));
                }
                return record;
            }
            case ENUM:
                return new GenericData.EnumSymbol(schema, pick(schema.getEnumSymbols()));
            case ARRAY: {
                List<Object> items = new ArrayList<>();
                for (int i = 0, n = random.nextInt(4); i < n; i++) {
                    items.add(of(schema.getElementType()));
                }
                return new GenericData.Array<>(schema, items);
            }
            case MAP: {
                Map<String, Object> map = new HashMap<>();
                for (int i = 0, n = random.nextInt(4); i < n; i++) {
                    map.put("k" + i, of(schema.getValueType()));
                }
                return map;
            }
            case UNION:
                return of(pick(schema.getTypes()));
            case FIXED: {
                byte[] bytes = new byte[schema.getFixedSize()];
                random.nextBytes(bytes);
                return new GenericData.Fixed(schema, bytes);
            }
            case STRING:
                return "s" + random.nextInt(1_000_000);
            case BYTES: {
                byte[] bytes = new byte[random.nextInt(16)];
                random.nextBytes(bytes);
                return ByteBuffer.wrap(bytes);
            }
            case INT:
                return random.nextInt();
            case LONG:
                return random.nextLong() >>> 20; // stays a plausible timestamp-millis
            case FLOAT:
                return random.nextFloat();
            case DOUBLE:
                return random.nextDouble();
            case BOOLEAN:
                return random.nextBoolean();
            case NULL:
                return null;
            default:
                throw new AssertionError("no sample for " + schema.getType());
        }
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }
}
