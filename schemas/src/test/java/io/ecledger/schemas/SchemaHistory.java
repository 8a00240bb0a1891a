package io.ecledger.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;

/** The schema files of this module and their released versions under {@code src/test/resources/history/}. */
final class SchemaHistory {

    static final Path SOURCES = Path.of("src/main/avro");
    static final Path HISTORY = Path.of("src/test/resources/history");

    private SchemaHistory() {}

    /** Every named type that has an {@code .avsc} file, as the generated class knows it. */
    static List<Schema> currentSchemas() {
        try (Stream<Path> files = Files.list(SOURCES)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".avsc"))
                    .sorted()
                    .map(n -> currentSchema(n.substring(0, n.length() - ".avsc".length())))
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Schema currentSchema(String simpleName) {
        try {
            return SpecificData.get().getSchema(Class.forName("io.ecledger.schemas." + simpleName));
        } catch (ClassNotFoundException e) {
            throw new AssertionError("no generated class for " + simpleName + ".avsc", e);
        }
    }

    /** Released versions of one type, oldest first ({@code v1.avsc}, {@code v2.avsc}, …). */
    static List<Path> versionsOf(Schema schema) {
        Path dir = HISTORY.resolve(schema.getName());
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches("v\\d+\\.avsc"))
                    .sorted((a, b) -> Integer.compare(versionNumber(a), versionNumber(b)))
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int versionNumber(Path file) {
        String name = file.getFileName().toString();
        return Integer.parseInt(name.substring(1, name.length() - ".avsc".length()));
    }

    static Schema parse(Path file) {
        try {
            return new Schema.Parser().parse(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
