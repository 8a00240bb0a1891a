package io.ecledger.api.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ecledger.api.cli.EcledgerMain;
import io.ecledger.api.testing.Cluster;
import io.ecledger.api.testing.ManagerFixture;
import io.ecledger.api.testing.ProjectionTables;
import io.ecledger.api.testing.SeededCluster;
import io.ecledger.ledger.kafka.Ledger;
import io.ecledger.ledger.testing.KafkaBroker;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The {@code rebuild} admin task and {@code ecledger rebuild} on a real manager: the rebuilt views equal the live ones. */
@ExtendWith(KafkaBroker.class)
class RebuildTaskIT {

    private static final List<String> LINES = List.of(
            "broadcast version",
            "subcluster broadcast east summary",
            "unicast rh52bar2 sieve:sieve1 flush cache",
            "flush control cache",
            "broadcast cluster duravip announce view",
            "unicast rh52mgr version");

    @Test
    void theRebuildTaskAndTheCliRebuildEveryTableRowForRowAsTheLiveProjectionHadIt(KafkaBroker.Handle broker)
            throws SQLException {
        try (Cluster cluster = SeededCluster.fresh(broker).start()) {
            ManagerFixture manager = cluster.manager();
            Ledger ledger = cluster.ledger();
            Path data = cluster.data();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(manager.console("info").body()).contains("nodes: 3 (3 alive)"));
            List<String> ids = new ArrayList<>();
            List<Long> offsets = new ArrayList<>();
            for (String line : LINES) {
                Matcher id = Pattern.compile("command ([0-9a-f-]{36}) at ledger offset (\\d+)")
                        .matcher(manager.console(line).body());
                if (id.find()) {
                    ids.add(id.group(1));
                    offsets.add(Long.parseLong(id.group(2)));
                }
            }
            // the first two commands (the manager's policy load comes before them)
            assertThat(manager.console("replay " + offsets.get(0) + ".." + offsets.get(1)).statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(ids).allSatisfy(id ->
                    assertThat(manager.get("/v1/commands/" + id).body()).doesNotContain("PENDING")));
            cluster.stopNodes();
            // with the agents gone nothing moves any more: no heartbeats, no answers
            Map<String, List<String>> live = stableSnapshot(data);
            assertThat(live.get("issued_command")).hasSizeGreaterThan(LINES.size());
            assertThat(live.get("node_response")).isNotEmpty();
            // progress counts offsets, the summary events: each manager append's commit marker takes an offset too
            long ledgerEnd = ledger.endOffset();
            long[] counted = {0};
            ledger.replay(entry -> counted[0]++);
            long ledgerEvents = counted[0];

            HttpResponse<String> task = manager.adminPost("/tasks/rebuild");

            assertThat(task.statusCode()).isEqualTo(200);
            assertThat(task.body()).contains("progress " + ledgerEnd + " " + ledgerEnd + "\n",
                    "rebuilt the projection from offset 0: " + ledgerEvents + " ledger events");
            assertThat(snapshot(data)).isEqualTo(live);

            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int exit = EcledgerMain.run(new String[] {"rebuild", "--admin", String.valueOf(manager.adminPort()),
                    "--progress", "always", "--token-file", manager.adminTokenFile().toString()}, new PrintWriter(out, true), new PrintWriter(err, true));

            assertThat(exit).as(err.toString()).isZero();
            assertThat(out.toString()).contains("] 100%  " + ledgerEnd + "/" + ledgerEnd + " ledger events\n")
                    .contains("rebuilt the projection from offset 0: " + ledgerEvents + " ledger events");
            assertThat(snapshot(data)).isEqualTo(live);
        }
    }

    @Test
    void theCliSaysSoWhenNoManagerAnswers() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = EcledgerMain.run(new String[] {"rebuild", "--admin", "127.0.0.1:" + port},
                new PrintWriter(out, true), new PrintWriter(err, true));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("no manager answers at http://127.0.0.1:" + port + "/tasks/rebuild");
        assertThat(out.toString()).isEmpty();
    }

    private static Map<String, List<String>> stableSnapshot(Path data) {
        List<Map<String, List<String>>> last = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(700)).until(() -> {
            Map<String, List<String>> now = snapshot(data);
            boolean same = !last.isEmpty() && last.get(0).equals(now);
            last.clear();
            last.add(now);
            return same;
        });
        return last.get(0);
    }

    private static Map<String, List<String>> snapshot(Path data) throws SQLException {
        return ProjectionTables.of(data);
    }
}
