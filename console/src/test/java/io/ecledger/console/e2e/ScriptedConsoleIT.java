package io.ecledger.console.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ecledger.api.testing.Cluster;
import io.ecledger.api.testing.ManagerFixture;
import io.ecledger.api.testing.SeededCluster;
import io.ecledger.console.EcConsole;
import io.ecledger.console.client.HttpManagerClient;
import io.ecledger.console.client.ManagerClient;
import io.ecledger.ledger.command.CompletionData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code ec_console} scripted end to end over HTTP and the control socket: a real manager, the seed's three agents, a real broker. */
@ExtendWith(SeededCluster.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScriptedConsoleIT {

    private ManagerFixture manager;
    private Path socket;

    /** What one run of the console printed and how it exited. */
    private record Run(int status, String out, String err) {}

    @BeforeAll
    void joinTheSharedCluster(Cluster cluster) {
        manager = cluster.manager();
        socket = cluster.socket();
        HttpManagerClient client = new HttpManagerClient(manager.endpoint(), Optional.of(manager.adminToken()),
                Optional.empty());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(client.send("show cluster membership").text())
                .contains("rh52bare", "rh52mgr", "rh52bar2"));
    }

    private Run console(String stdin, String... args) {
        return consoleWith(manager.adminTokenFile(), stdin, args);
    }

    private Run consoleWith(Path tokenFile, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> withToken = new java.util.ArrayList<>(List.of("--token-file", tokenFile.toString()));
        withToken.addAll(List.of(args));
        int status = EcConsole.run(withToken.toArray(String[]::new), new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                false);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aPipedScriptOfTheSeedsCommandsGetsTheirAnswersAndExitsZero() {
        Run run = console("""
                show cluster membership
                --wait=20 broadcast sieve:sieve1 flush cache
                retrieve sieve:sieve1 flush cache
                --wait=20 subcluster broadcast west version
                --wait=20 unicast rh52mgr summary
                flush control cache
                retrieve sieve:sieve1 flush cache
                """, manager.endpoint());

        assertThat(run.err()).isEmpty();
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains(
                "rh52bar2             west",
                "sent to broadcast: 3 node(s) rh52bar2, rh52bare, rh52mgr",
                "rh52bare (east): OK\n  sieve:sieve1 cache flushed",
                "rh52mgr (east): OK\n  sieve:sieve1 cache flushed",
                "rh52bar2 (west): OK\n  sieve:sieve1 cache flushed",
                "sent to subcluster west: 1 node(s) rh52bar2",
                "rh52bar2 (west): OK\n  ecelerity",
                "sent to node rh52mgr: 1 node(s) rh52mgr",
                "rh52mgr (east): OK\n  Node: rh52mgr (subcluster east)",
                "results buffer flushed at ledger offset",
                "no command 'sieve:sieve1 flush cache' for broadcast since the last flush of the results buffer")
                .doesNotContain("pending");
    }

    @Test
    void aScriptWithARefusedLineExitsNonZeroAndSaysWhichLine() {
        Run run = console("version\nunicast nosuchnode version\ninfo\n", manager.endpoint());

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).isEqualTo(
                "line 2 refused: unknown node 'nosuchnode'; known nodes: rh52bar2, rh52bare, rh52mgr" + System.lineSeparator());
        assertThat(run.out()).contains("ecledger eccmgr version: ", "cluster: test-cluster");
    }

    @Test
    void aLineThePolicyRefusesIsReportedWithTheRuleThatRefusedIt(@TempDir Path directory) throws Exception {
        Path viewerToken = Files.writeString(directory.resolve("viewer-token"), manager.addUser("vera", "viewer"));
        Files.setPosixFilePermissions(viewerToken, PosixFilePermissions.fromString("rw-------"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !consoleWith(viewerToken, "version\n", manager.endpoint())
                .err().contains("HTTP 401"));

        Run run = consoleWith(viewerToken, "version\nshutdown\n", manager.endpoint());

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("line 2 refused: role viewer may not run 'shutdown': no rule allows it "
                + "(rule default: deny)" + System.lineSeparator());
    }

    @Test
    void linesGivenWithDashEAndTheWaitOptionNeedNoStandardInput() {
        String hostPort = manager.endpoint().substring("http://".length());

        Run run = console("", "--wait=20", "-e", "show cluster membership", "-e", "broadcast version", hostPort);

        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("rh52mgr              east", "sent to broadcast: 3 node(s)",
                "rh52bare (east): OK\n  ecelerity", "rh52mgr (east): OK\n  ecelerity", "rh52bar2 (west): OK\n  ecelerity");
    }

    @Test
    void followOverRestAndOverTheSocketPrintsEachNodesAnswerFromTheEventStreamThenTheCounts() {
        for (String endpoint : List.of(manager.endpoint(), socket.toString())) {
            Run run = console("--follow=20 subcluster broadcast east version\n", endpoint);

            assertThat(run.err()).as(endpoint).isEmpty();
            assertThat(run.status()).as(endpoint).isZero();
            assertThat(run.out()).as(endpoint).startsWith("sent to subcluster east: 2 node(s) rh52bare, rh52mgr")
                    .contains("rh52bare (east): OK\n  ecelerity", "rh52mgr (east): OK\n  ecelerity")
                    .endsWith("done, 2 node(s): OK 2\n")
                    // the counts instead of the retrieve view
                    .doesNotContain("pending", "version - command");
        }
    }

    @Test
    void aWaitOverTheControlSocketFollowsTheCommandToEveryAnswer() {
        Run run = console("--wait=20 subcluster broadcast east version\n", socket.toString());

        assertThat(run.err()).isEmpty();
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("sent to subcluster east: 2 node(s) rh52bare, rh52mgr",
                "rh52bare (east): OK\n  ecelerity", "rh52mgr (east): OK\n  ecelerity").doesNotContain("pending");
    }

    @Test
    void theManagerGivesLiveCompletionDataOverRestAndTheSocket() throws Exception {
        for (String endpoint : List.of(manager.endpoint(), socket.toString())) {
            try (ManagerClient client = ManagerClient.forEndpoint(endpoint, Optional.of(manager.adminToken()),
                    Optional.empty())) {
                CompletionData completions = client.completions();
                assertThat(completions.nodes()).as(endpoint).containsExactlyInAnyOrder("rh52bare", "rh52mgr", "rh52bar2");
                assertThat(completions.subclusters()).as(endpoint).containsExactlyInAnyOrder("east", "west");
            }
        }
    }

    @Test
    void aPipedScriptOverTheControlSocketGetsTheSameAnswersAsOverRest() {
        String script = "version\nhelp subcluster\nunicast nosuchnode version\nshow cluster membership\n";

        Run viaSocket = console(script, socket.toString());
        Run viaRest = console(script, manager.endpoint());

        assertThat(viaSocket.status()).isEqualTo(1);
        assertThat(viaSocket.out()).isEqualTo(viaRest.out());
        assertThat(viaSocket.err()).isEqualTo(viaRest.err()).contains("line 3 refused: unknown node 'nosuchnode'");
    }
}
