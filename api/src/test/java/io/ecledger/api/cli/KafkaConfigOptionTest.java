package io.ecledger.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ecledger verify|export --kafka-config FILE}: Kafka's own client properties, refused before Kafka is asked. */
class KafkaConfigOptionTest {

    private final StringWriter err = new StringWriter();

    @TempDir
    Path directory;

    private int run(String... args) {
        return EcledgerMain.run(args, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
    }

    @Test
    void aMissingFileIsAUsageErrorNamingIt() {
        Path missing = directory.resolve("client.properties");

        assertThat(run("verify", "--kafka", "127.0.0.1:1", "--kafka-config", missing.toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("ecledger verify: --kafka-config: no such file: " + missing + "\n");
    }

    @Test
    void aFileSettingWhatTheLedgerDependsOnIsAUsageErrorNamingTheKey() throws IOException {
        Path file = Files.writeString(directory.resolve("client.properties"), "value.deserializer=x.Evil\n");

        assertThat(run("export", "--kafka", "127.0.0.1:1", "--kafka-config", file.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("ecledger export: --kafka-config: " + file
                + ": Kafka client property value.deserializer cannot be overridden: ");
    }

    @Test
    void theFileReachesTheClientsOfVerifyAndExport() throws IOException {
        // Kafka checks the value as a client is built, before it connects to anything
        Path file = Files.writeString(directory.resolve("client.properties"), "security.protocol=CARRIER_PIGEON\n");

        assertThat(run("verify", "--kafka", "127.0.0.1:1", "--kafka-config", file.toString())).isEqualTo(2);
        assertThat(run("export", "--kafka", "127.0.0.1:1", "--kafka-config", file.toString())).isEqualTo(2);
        assertThat(err.toString().lines()).hasSize(2).allSatisfy(line ->
                assertThat(line).matches("ecledger (verify|export): cannot make a Kafka client for 127\\.0\\.0\\.1:1: .*")
                        .contains("CARRIER_PIGEON"));
    }
}
