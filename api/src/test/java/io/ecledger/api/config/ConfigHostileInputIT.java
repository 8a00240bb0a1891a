package io.ecledger.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecledger.api.testing.Cluster;
import io.ecledger.api.testing.SeededCluster;
import io.ecledger.ledger.testing.KafkaBroker;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An attacker on the REST port against a real manager with a base eccluster.conf: hostile values, names and
 * writeback paths are answered 400 with a message quoting only what was sent, nothing is appended to the ledger and
 * no file is written.
 */
@ExtendWith(KafkaBroker.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfigHostileInputIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    // answered within this, or the request hangs on something it should never have opened
    private static final Duration ANSWER = Duration.ofSeconds(15);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(ANSWER).build();
    private Cluster cluster;
    private String passwdFirstLine;

    @BeforeAll
    void startAManagerWithABaseFile(KafkaBroker.Handle broker) throws IOException {
        cluster = SeededCluster.fresh(broker).withoutNodes().withSeedConf().start();
        passwdFirstLine = Files.readAllLines(Path.of("/etc/passwd")).get(0);
    }

    @AfterAll
    void stop() {
        cluster.close();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            cluster.manager().authorization().ifPresent(value -> request.header("Authorization", value));
            return http.send(request.timeout(ANSWER).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create(cluster.manager().endpoint() + path);
    }

    private HttpResponse<String> put(String option, String value, String... scope) {
        StringBuilder query = new StringBuilder();
        for (String word : scope) {
            query.append(query.length() == 0 ? "?" : "&").append("scope=").append(encode(word));
        }
        return send(HttpRequest.newBuilder(uri("/v1/config/options/" + encode(option) + query))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode().put("value", value).toString())));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpResponse<String> console(String line) {
        // the console's own JSON form: a browser cannot send it cross-site
        return send(HttpRequest.newBuilder(uri("/v1/console")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode().put("line", line).toString())));
    }

    private List<String> confFiles() throws IOException {
        try (Stream<Path> files = Files.list(cluster.conf())) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /**
     * Sends the request, asserting a 400 with {@code message} (REST answers JSON with {@code code}; the console
     * answers the message as text, {@code code} null) and that neither the ledger nor the conf directory changed.
     */
    private void assertRefusedChangingNothing(java.util.function.Supplier<HttpResponse<String>> attack, String code,
                                              String message) throws IOException {
        long before = cluster.ledger().endOffset();
        List<String> files = confFiles();
        String file = cluster.manager().get("/v1/config/file").body();

        HttpResponse<String> refused = attack.get();

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains(message).doesNotContain(passwdFirstLine);
        if (code != null) {
            assertThat(refused.body()).contains("\"code\":\"" + code + "\"");
        }
        assertThat(cluster.ledger().endOffset()).isEqualTo(before);
        assertThat(confFiles()).isEqualTo(files);
        assertThat(cluster.manager().get("/v1/config/file").body()).isEqualTo(file);
    }

    @Test
    void aValueWithANewlineAndAnIncludeOfEtcPasswdIsRefusedWithoutALineOfIt() throws IOException {
        assertRefusedChangingNothing(() -> put("Server_Name", "\"x\"\ninclude \"/etc/passwd\""), "invalid-value",
                "config set: the value of Server_Name refused: a value cannot contain a newline");
        assertRefusedChangingNothing(() -> put("Server_Name", "\"x\" include \"/etc/passwd\""), "invalid-value",
                "config set: the value of Server_Name refused: a value cannot contain an include");
    }

    @Test
    void aValueIncludingDevZeroIsRefusedAtOnce() throws IOException {
        assertRefusedChangingNothing(() -> put("Relay_Hosts", "( a )\ninclude \"/dev/zero\""), "invalid-value",
                "a value cannot contain a newline");
        assertRefusedChangingNothing(() -> put("Relay_Hosts", "( a ) include \"/dev/zero\""), "invalid-value",
                "a value cannot contain an include");
    }

    @Test
    void aNamedPipeIsNeitherIncludedNorWrittenTo() throws IOException, InterruptedException {
        Path pipe = cluster.conf().resolve("pipe-" + UUID.randomUUID() + ".conf");
        boolean made;
        try {
            made = new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor() == 0;
        } catch (IOException e) {
            made = false;
        }
        assumeThat(made).as("mkfifo is available to make a named pipe").isTrue();
        try {
            assertRefusedChangingNothing(() -> put("Server_Name", "\"x\"\ninclude \"" + pipe.getFileName() + "\""),
                    "invalid-value", "a value cannot contain a newline");
            assertRefusedChangingNothing(() -> console("config writeback " + pipe.getFileName()), null,
                    "config writeback: refused to write '" + pipe.getFileName() + "': it is not a regular file; "
                            + "writeback writes only the base file " + cluster.conf().resolve("eccluster.conf")
                            .toAbsolutePath().normalize() + " or files in " + cluster.conf().toAbsolutePath().normalize());
            assertThat(Files.isRegularFile(pipe, LinkOption.NOFOLLOW_LINKS)).as("still the pipe").isFalse();
        } finally {
            Files.deleteIfExists(pipe);
        }
    }

    @Test
    void writebackToAnAbsolutePathElsewhereIsRefusedAndWritesNothing() throws IOException {
        Path elsewhere = Files.createTempDirectory("elsewhere");
        Path target = elsewhere.resolve("authorized_keys");
        try {
            assertRefusedChangingNothing(() -> console("config writeback " + target), null,
                    "config writeback: refused to write '" + target + "': it is outside "
                            + cluster.conf().toAbsolutePath().normalize());
            assertThat(target).doesNotExist();
            assertThat(elsewhere).isEmptyDirectory();
        } finally {
            deleteTree(elsewhere);
        }
    }

    @Test
    void writebackClimbingOutWithDotDotIsRefusedAndWritesNothing() throws IOException {
        String name = "x-" + UUID.randomUUID();
        List<String> parentBefore = list(cluster.conf().getParent());

        assertRefusedChangingNothing(() -> console("config writeback ../" + name), null,
                "config writeback: refused to write '../" + name + "': it is outside");

        assertThat(cluster.conf().getParent().resolve(name)).doesNotExist();
        assertThat(list(cluster.conf().getParent())).isEqualTo(parentBefore);
    }

    @Test
    void writebackThroughALinkOutOfTheDirectoryIsRefusedAndWritesNothing() throws IOException {
        Path elsewhere = Files.createTempDirectory("elsewhere");
        Path link = Files.createSymbolicLink(cluster.conf().resolve("out-" + UUID.randomUUID()), elsewhere);
        try {
            assertRefusedChangingNothing(() -> console("config writeback " + link.getFileName() + "/x.conf"),
                    null, "it goes through a link out of");
            assertThat(elsewhere).isEmptyDirectory();
        } finally {
            Files.delete(link);
            deleteTree(elsewhere);
        }
    }

    @Test
    void anOptionNameOutsideTheRuleOrAScopeWordWithANewlineIsRefusedQuotingItEscaped() throws IOException {
        // Jetty refuses control characters in the path itself (below); what passes it meets the name rule
        assertRefusedChangingNothing(() -> put("Timeout } Evil {", "1"), "invalid-name",
                "config set: option name 'Timeout } Evil {' refused: a name is a letter or '_' then");
        assertRefusedChangingNothing(() -> put("x", "1", "Control_Listener", "Listen", "/tmp/x\ninclude \"/etc/passwd\""),
                "invalid-scope", "config set: scope word '/tmp/x\\\\ninclude \\\"/etc/passwd\\\"' refused: "
                        + "a scope word cannot contain a newline");
        assertRefusedChangingNothing(() -> put("include", "\"/etc/passwd\""), "invalid-name",
                "include is a keyword of the file, not an option or scope name");
    }

    @Test
    void aNewlineInAnOptionNameInTheUrlIsRefusedBeforeTheManagerSeesIt() throws IOException {
        // Jetty refuses a %0A in the path itself, with an empty body: nothing of ours is quoted, nothing appended
        assertRefusedChangingNothing(() -> put("a\nssh-ed25519 AAAA attacker", "1"), null, "");
    }

    @Test
    void aConsoleLineWithANewlineBeforeAnIncludeIsRefused() throws IOException {
        assertRefusedChangingNothing(() -> console("config set Server_Name \"x\"\ninclude \"/etc/passwd\""), null,
                "line contains control character U+000A");
    }

    @Test
    void writebackIntoTheDirectoryStillWorks() throws IOException {
        String name = "copy-" + UUID.randomUUID() + ".conf";

        HttpResponse<String> written = console("config writeback " + name);

        assertThat(written.statusCode()).as(written.body()).isEqualTo(200);
        assertThat(cluster.conf().resolve(name)).isRegularFile();
        Files.delete(cluster.conf().resolve(name));
    }

    // a failing run may have written there: leave nothing behind either way
    private static void deleteTree(Path directory) throws IOException {
        for (String name : list(directory)) {
            Files.delete(directory.resolve(name));
        }
        Files.delete(directory);
    }

    @Test
    void aConfiguredWritebackDirectoryIsWhereWritebackWritesAndTheBaseFileStaysWritable(KafkaBroker.Handle broker)
            throws IOException {
        Path into = Files.createTempDirectory("writeback");
        try (Cluster own = SeededCluster.fresh(broker).withoutNodes().withSeedConf()
                .with("config.writebackDirectory", into.toString()).start()) {
            assertThat(own.manager().console("config writeback copy.conf").statusCode()).isEqualTo(200);
            assertThat(into.resolve("copy.conf")).isRegularFile();
            assertThat(own.manager().console("config writeback").statusCode()).isEqualTo(200);

            long before = own.ledger().endOffset();
            HttpResponse<String> refused = own.manager().console("config writeback " + own.conf().resolve("other.conf"));

            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).endsWith("writeback writes only the base file "
                    + own.conf().resolve("eccluster.conf").toAbsolutePath().normalize() + " or files in " + into);
            assertThat(own.conf().resolve("other.conf")).doesNotExist();
            assertThat(own.ledger().endOffset()).isEqualTo(before);
        } finally {
            deleteTree(into);
        }
    }

    private static List<String> list(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
