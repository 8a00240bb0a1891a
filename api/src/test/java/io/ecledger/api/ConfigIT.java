package io.ecledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecledger.api.testing.Cluster;
import io.ecledger.api.testing.ManagerFixture;
import io.ecledger.api.testing.SeededCluster;
import io.ecledger.ledger.config.ConfigParser;
import io.ecledger.ledger.config.ConfigTree;
import io.ecledger.ledger.kafka.Ledger;
import io.ecledger.ledger.testing.KafkaBroker;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The manager's configuration end to end: ops/conf/eccluster.conf as base, changes on the real ledger, real HTTP. */
@ExtendWith({KafkaBroker.class, SeededCluster.class})
class ConfigIT {

    private static Cluster.Builder ownManager(KafkaBroker.Handle broker) {
        return SeededCluster.fresh(broker).withoutNodes().withSeedConf();
    }

    @Test
    void getReadsExactlyThatScopeWhileEvalFallsBackToEnclosingScopesThenTheDefault(KafkaBroker.Handle broker) {
        try (Cluster cluster = ownManager(broker).start()) {
            ManagerFixture manager = cluster.manager();
            assertThat(manager.console("config get Control_Listener Listen /tmp/2025 file_mode").body())
                    .isEqualTo("file_mode = 0666");
            assertThat(manager.console("config get Control_Listener Listen /tmp/2025 Timeout").body())
                    .isEqualTo("Timeout is not set in Control_Listener Listen \"/tmp/2025\"");
            assertThat(manager.console("config eval Control_Listener Listen /tmp/2025 Timeout").body())
                    .isEqualTo("Timeout = 60  # default");

            HttpResponse<String> set = manager.console("config set Control_Listener Timeout = 30");
            assertThat(set.statusCode()).isEqualTo(200);
            assertThat(set.body()).startsWith("Timeout = 30 in Control_Listener (ledger offset ");

            assertThat(manager.console("config eval Control_Listener Listen /tmp/2025 Timeout").body())
                    .isEqualTo("Timeout = 30  # from Control_Listener");
            assertThat(manager.get("/v1/config/options/Timeout?scope=Control_Listener&scope=Listen&scope=/tmp/2025").body())
                    .contains("\"value\":null", "\"effective\":\"30\"", "\"effectiveFrom\":\"from Control_Listener\"");
            assertThat(manager.put("/v1/config/options/file_mode?scope=Control_Listener&scope=Listen&scope=/tmp/2025",
                    "0600").statusCode()).isEqualTo(200);
            assertThat(manager.console("config show Control_Listener Listen /tmp/2025").body()).isEqualTo("file_mode = 0600");
            assertThat(manager.delete("/v1/config/options/file_mode?scope=Control_Listener&scope=Listen&scope=/tmp/2025")
                    .statusCode()).isEqualTo(200);
            assertThat(manager.console("config eval Control_Listener Listen /tmp/2025 file_mode").body())
                    .isEqualTo("file_mode = 0640  # default");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "config set Control_Listener Timeout soon",
            "config set Control_Listener Listen /tmp/2025 file_mode 999",
            "config set Nosuch_Listener Timeout 5",
            "config set Control_Listener Peer 1.2.3.4 Timeout 5",
            "config unset ESMTP_Listener Timeout"})
    void refusedSetsLeaveTheLedgerEndOffsetUnchanged(String line, Cluster shared) {
        ManagerFixture manager = shared.manager();
        Ledger ledger = shared.ledger();
        long before = ledger.endOffset();

        HttpResponse<String> refused = manager.console(line);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).isNotBlank();
        assertThat(ledger.endOffset()).isEqualTo(before);
    }

    @Test
    void aSetSurvivesARestartAndARebuildOfTheH2FileFromTheLedger(KafkaBroker.Handle broker) throws IOException {
        try (Cluster cluster = ownManager(broker).start()) {
            ManagerFixture manager = cluster.manager();
            assertThat(manager.console("config set Server_Name eccmgr-east").statusCode()).isEqualTo(200);
            assertThat(manager.console("config unset Logs dir_mode").statusCode()).isEqualTo(200);

            ManagerFixture restarted = cluster.restartManager();
            assertThat(restarted.console("config get Server_Name").body()).isEqualTo("Server_Name = \"eccmgr-east\"");
            cluster.stopManager();

            deleteH2Files(cluster.data());

            ManagerFixture rebuilt = cluster.restartManager();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(rebuilt.console("config get Server_Name").body()).isEqualTo("Server_Name = \"eccmgr-east\""));
            assertThat(rebuilt.console("config eval Logs dir_mode").body()).isEqualTo("dir_mode = 0755  # default");
            assertThat(rebuilt.console("config history Server_Name").body())
                    .matches("\\d+ \\S+Z " + ManagerFixture.ADMIN + " REST set Server_Name = \"eccmgr-east\"");
        }
    }

    @Test
    void writebackWritesTheFoldedTreeWithTheBaseCommentsAndItReparsesToIt(KafkaBroker.Handle broker) throws IOException {
        try (Cluster cluster = ownManager(broker).start()) {
            ManagerFixture manager = cluster.manager();
            Path conf = cluster.conf();
            manager.console("config set Control_Listener Timeout 120");
            manager.console("config set ESMTP_Listener Peer 127.0.0.1 Pathway foo Max_Outbound_Connections 20");
            manager.console("config unset Server_Max_File_Descriptors");

            HttpResponse<String> written = manager.console("config writeback written.conf");

            assertThat(written.statusCode()).as(written.body()).isEqualTo(200);
            String text = Files.readString(conf.resolve("written.conf"));
            assertThat(text).contains("# Control_Listener stanza", "    Timeout = 120\n",
                    "ESMTP_Listener {\n    Peer \"127.0.0.1\" {\n        Pathway \"foo\" {\n            Max_Outbound_Connections = 20\n")
                    .doesNotContain("Server_Max_File_Descriptors");
            ConfigTree reparsed = ConfigParser.parse(conf.resolve("written.conf"));
            assertThat(reparsed).isEqualTo(ConfigParser.parse(manager.get("/v1/config/file").body(), "folded", conf));
            assertThat(manager.console("config showrecurse").body())
                    .isEqualTo(io.ecledger.ledger.config.ConfigWriter.write(reparsed.settings()));
        }
    }

    @Test
    void theWebConsoleSettingsAreShownAndASessionTimeoutSetOnTheLedgerTakesEffectAtOnce(KafkaBroker.Handle broker) {
        try (Cluster cluster = ownManager(broker).start()) {
            ManagerFixture manager = cluster.manager();
            assertThat(manager.console("config showrecurse Web_UI").body()).isEqualTo("""
                    Web_UI {
                        Session_Timeout = 1800
                        Session_Lifetime = 43200
                        Password_Sign_In = "true"
                        Token_Sign_In = "true"
                        Max_Sessions = 256
                    }
                    """);
            assertThat(manager.console("config showrecurse Datasource ecdb").body()).isEqualTo("""
                    Datasource "ecdb" {
                        driver = "org.h2.Driver"
                        uri = "jdbc:h2:file:ecledger"
                    }
                    """);
            assertThat(manager.console("config showrecurse").body()).contains("Web_UI {\n", "Datasource \"ecdb\" {\n");
            long before = cluster.ledger().endOffset();

            HttpResponse<String> set = manager.console("config set Web_UI Session_Timeout 600");

            assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
            assertThat(set.body()).startsWith("Session_Timeout = 600 in Web_UI (ledger offset ")
                    .contains("; takes effect at once");
            assertThat(cluster.ledger().endOffset()).isGreaterThan(before);
            assertThat(manager.console("config eval Web_UI Session_Timeout").body())
                    .isEqualTo("Session_Timeout = 600  # set here");
            assertThat(manager.console("config eval Web_UI Max_Sessions").body()).isEqualTo("Max_Sessions = 256  # set here");
            assertThat(manager.console("config set Web_UI Session_Timeout soon").statusCode()).isEqualTo(400);
            assertThat(manager.console("config set Web_UI Listen 127.0.0.1:2025").body())
                    .contains("; takes effect on restart");
        }
    }

    @Test
    void aLedgerChangeOfTheDatasourceUriIsKeptButTheManagerOpensWhatTheBaseFileSays(KafkaBroker.Handle broker) {
        try (Cluster cluster = ownManager(broker).start()) {
            HttpResponse<String> set = cluster.manager().console("config set Datasource ecdb uri jdbc:h2:file:elsewhere");
            assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
            assertThat(set.body()).contains("; read from the base file when the manager starts: this change is kept and"
                    + " shown but not acted on");

            ManagerFixture restarted = cluster.restartManager();

            assertThat(restarted.console("config get Datasource ecdb uri").body())
                    .isEqualTo("uri = \"jdbc:h2:file:elsewhere\"");
            assertThat(cluster.data().resolve("ecledger.mv.db")).exists();
            assertThat(cluster.data().resolve("elsewhere.mv.db")).doesNotExist();
        }
    }

    private static void deleteH2Files(Path data) throws IOException {
        try (Stream<Path> files = Files.list(data)) {
            List<Path> h2 = files.filter(f -> f.getFileName().toString().startsWith("ecledger.")).toList();
            assertThat(h2).isNotEmpty();
            for (Path file : h2) {
                Files.delete(file);
            }
        }
    }
}
