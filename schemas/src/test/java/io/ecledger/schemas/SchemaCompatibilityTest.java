package io.ecledger.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaIncompatibilityType;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fails the build when a schema changes in a way that records already on the topics, or
 * readers already deployed, cannot follow.
 */
class SchemaCompatibilityTest {

    static Stream<Schema> currentSchemas() {
        return SchemaHistory.currentSchemas().stream();
    }

    static Stream<Arguments> releasedVersions() {
        return SchemaHistory.currentSchemas().stream()
                .flatMap(current -> SchemaHistory.versionsOf(current).stream()
                        .map(file -> Arguments.of(current.getName() + "/" + file.getFileName(), current, file)));
    }

    @Test
    void everySchemaFileHasAGeneratedClassAndAHistory() {
        assertThat(SchemaHistory.currentSchemas()).hasSizeGreaterThanOrEqualTo(17);
        assertThat(SchemaHistory.currentSchemas())
                .allSatisfy(schema -> assertThat(SchemaHistory.versionsOf(schema))
                        .as("released versions of %s under %s", schema.getName(), SchemaHistory.HISTORY)
                        .isNotEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("currentSchemas")
    void currentSchemaIsKeptInHistorySoRecordsItWritesStayReadable(Schema current) {
        long fingerprint = SchemaNormalization.parsingFingerprint64(current);
        List<Path> versions = SchemaHistory.versionsOf(current);
        assertThat(versions)
                .as("%s changed: keep the old versions and save the new one as %s/%s/v%d.avsc",
                        current.getName(), SchemaHistory.HISTORY, current.getName(), versions.size() + 1)
                .anySatisfy(file -> assertThat(SchemaNormalization.parsingFingerprint64(SchemaHistory.parse(file)))
                        .isEqualTo(fingerprint));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("releasedVersions")
    void currentSchemaReadsWhatEachReleasedVersionWrote(String version, Schema current, Path file) {
        Schema released = SchemaHistory.parse(file);
        assertCompatible(current, released, "current reading " + version);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("releasedVersions")
    void eachReleasedVersionReadsWhatTheCurrentSchemaWrites(String version, Schema current, Path file) {
        Schema released = SchemaHistory.parse(file);
        // a new kind of payload can only be a union branch an older reader lacks: it must come after every branch
        // that reader knows, so the older reader still reads every kind it knows and refuses only the new one
        List<SchemaCompatibility.Incompatibility> incompatibilities =
                SchemaCompatibility.checkReaderWriterCompatibility(released, current).getResult().getIncompatibilities();
        assertThat(incompatibilities)
                .as("%s reading current: %s", version, incompatibilities)
                .allSatisfy(SchemaCompatibilityTest::isBranchAppendedToTheEnd);
    }

    private static void isBranchAppendedToTheEnd(SchemaCompatibility.Incompatibility incompatibility) {
        assertThat(incompatibility.getType()).isEqualTo(SchemaIncompatibilityType.MISSING_UNION_BRANCH);
        List<Schema> known = incompatibility.getReaderFragment().getTypes();
        List<Schema> written = incompatibility.getWriterFragment().getTypes();
        String location = incompatibility.getLocation();
        int branch = Integer.parseInt(location.substring(location.lastIndexOf('/') + 1));
        assertThat(branch).as("the new branch at %s comes after the %d known ones", location, known.size())
                .isGreaterThanOrEqualTo(known.size());
        assertThat(written.subList(0, known.size()).stream().map(Schema::getFullName))
                .as("the known branches at %s keep their places", location)
                .containsExactlyElementsOf(known.stream().map(Schema::getFullName).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("releasedVersions")
    void recordsWrittenByEachReleasedVersionDecodeWithTheCurrentSchema(String version, Schema current, Path file)
            throws IOException {
        Schema released = SchemaHistory.parse(file);
        for (long seed = 0; seed < 20; seed++) {
            Object written = new SampleData(seed).of(released);
            Object read = roundTrip(written, released, current);
            if (released.getType() == Schema.Type.RECORD) {
                GenericData.Record before = (GenericData.Record) written;
                GenericData.Record after = (GenericData.Record) read;
                assertSameOverReleasedFields(version, released, before, after);
            } else {
                assertThat(String.valueOf(read)).isEqualTo(String.valueOf(written));
            }
        }
    }

    /** Every field the released version wrote reads back the same, nested records included (they may have gained fields). */
    private static void assertSameOverReleasedFields(String where, Schema released, GenericData.Record before,
                                                     GenericData.Record after) {
        for (Schema.Field field : released.getFields()) {
            if (after.getSchema().getField(field.name()) == null) {
                continue;
            }
            Object was = before.get(field.name());
            Object now = after.get(field.name());
            if (was instanceof GenericData.Record && now instanceof GenericData.Record) {
                assertSameOverReleasedFields(where + "." + field.name(), ((GenericData.Record) was).getSchema(),
                        (GenericData.Record) was, (GenericData.Record) now);
            } else {
                assertThat(String.valueOf(now)).as("%s field %s", where, field.name()).isEqualTo(String.valueOf(was));
            }
        }
    }

    private static void assertCompatible(Schema reader, Schema writer, String what) {
        SchemaCompatibility.SchemaPairCompatibility result =
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        assertThat(result.getType())
                .as("%s: %s", what, result.getResult().getIncompatibilities())
                .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }

    private static Object roundTrip(Object datum, Schema writer, Schema reader) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<>(writer).write(datum, encoder);
        encoder.flush();
        return new GenericDatumReader<>(writer, reader)
                .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    }
}
