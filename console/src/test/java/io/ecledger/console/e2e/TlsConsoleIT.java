package io.ecledger.console.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecledger.api.testing.Cluster;
import io.ecledger.api.testing.SeededCluster;
import io.ecledger.console.EcConsole;
import io.ecledger.ledger.testing.KafkaBroker;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * REST over Jetty's https connector, set in the YAML, with a self-signed certificate this test makes with keytool:
 * the console trusts it through {@code --ca-file} and sends its token; without the CA it does not connect.
 */
@ExtendWith(KafkaBroker.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsConsoleIT {

    private static final String PASSWORD = "changeit";

    private Path certificate;
    private Cluster cluster;
    private String endpoint;

    @BeforeAll
    void startAnHttpsManager(KafkaBroker.Handle broker) throws Exception {
        Path directory = Files.createDirectories(Path.of("target", "tls-it")).toAbsolutePath();
        Path keyStore = directory.resolve("manager.p12");
        certificate = directory.resolve("manager.pem");
        Files.deleteIfExists(keyStore);
        keytool("-genkeypair", "-alias", "eccmgr", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "eccmgr", "-keystore", keyStore.toString(), "-storepass", PASSWORD,
                "-file", certificate.toString());
        cluster = SeededCluster.fresh(broker).withoutNodes()
                .with("server.applicationConnectors.0.type", "https")
                .with("server.applicationConnectors.0.keyStorePath", keyStore.toString())
                .with("server.applicationConnectors.0.keyStorePassword", PASSWORD)
                .with("server.applicationConnectors.0.keyStoreType", "PKCS12")
                .start();
        endpoint = "https://127.0.0.1:" + URI.create(cluster.manager().endpoint()).getPort();
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-noprompt"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    private String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = EcConsole.run(args, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                false);
        return new String[] {String.valueOf(status), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void theConsoleTrustingTheManagersCertificateRunsALineOverHttpsWithItsToken() {
        String[] run = run("--ca-file", certificate.toString(), "--token-file",
                cluster.manager().adminTokenFile().toString(), "-e", "version", endpoint);

        assertThat(run[2]).isEmpty();
        assertThat(run[0]).isEqualTo("0");
        assertThat(run[1]).contains("ecledger eccmgr version: ");
    }

    @Test
    void withoutTheCertificateTheConsoleDoesNotConnectAndWithAWrongTokenItsLineIsRefused() throws IOException {
        Path wrong = Files.createTempFile(Path.of("target", "tls-it"), "wrong", ".token",
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        Files.writeString(wrong, "00000000.forged\n");

        String[] untrusted = run("--token-file", cluster.manager().adminTokenFile().toString(), "-e", "version", endpoint);
        String[] forged = run("--ca-file", certificate.toString(), "--token-file", wrong.toString(), "-e", "version",
                endpoint);

        assertThat(untrusted[0]).isEqualTo("3");
        assertThat(forged[0]).isEqualTo("1");
        assertThat(forged[2]).contains("the manager wants a token (HTTP 401)");
    }
}
