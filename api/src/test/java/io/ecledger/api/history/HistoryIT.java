package io.ecledger.api.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecledger.api.testing.Cluster;
import io.ecledger.api.testing.ManagerFixture;
import io.ecledger.api.testing.SeededCluster;
import io.ecledger.ledger.command.Origin;
import io.ecledger.ledger.command.Target;
import io.ecledger.ledger.event.CommandIssued;
import io.ecledger.ledger.event.ResultsFlushed;
import io.ecledger.ledger.kafka.Ledger;
import io.ecledger.ledger.kafka.LedgerEntry;
import io.ecledger.ledger.kafka.SkippedRecords;
import io.ecledger.ledger.sign.ManagerKey;
import io.ecledger.ledger.testing.KafkaBroker;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * History over a ledger of 300 mixed commands with known answers (plus a flush half way and two commands to a node
 * that never answers), issued straight onto the ledger and answered by the three seed agents.
 */
@ExtendWith(KafkaBroker.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HistoryIT {

    private static final int COMMANDS = 300;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the test appended, to compare filters against. */
    record Issued(long offset, String actor, Origin origin, Target target, String text, boolean error) {}

    private Cluster cluster;
    private ManagerFixture manager;
    private final List<Issued> issued = new ArrayList<>();
    private long flushOffset;
    private long expiredOffset;
    private long pendingOffset;

    @BeforeAll
    void issueAFewHundredCommands(KafkaBroker.Handle broker) throws Exception {
        cluster = SeededCluster.fresh(broker).start();
        manager = cluster.manager();
        // signed with the manager's key, as the manager appends: the agents run only what it signed
        try (Ledger ledger = Ledger.open(broker.bootstrapServers(), cluster.layout(), new SkippedRecords(),
                ManagerKey.load(cluster.data()))) {
            Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
            List<CompletableFuture<LedgerEntry>> appends = new ArrayList<>();
            for (int i = 0; i < COMMANDS; i++) {
                if (i == COMMANDS / 2) {
                    flushOffset = ledger.append("carol", Origin.CONSOLE, ResultsFlushed.now());
                }
                Issued command = command(i);
                appends.add(ledger.appendAsync(command.actor(), command.origin(), CommandIssued.of(command.target(),
                        command.text(), expected(command.target()), deadline)));
            }
            for (int i = 0; i < COMMANDS; i++) {
                Issued command = command(i);
                issued.add(new Issued(appends.get(i).join().offset(), command.actor(), command.origin(), command.target(),
                        command.text(), command.error()));
            }
            expiredOffset = ledger.append("dave", Origin.REST, CommandIssued.of(new Target.Unicast("ghost"), "version",
                    List.of("ghost"), Instant.now().plusMillis(200)));
            pendingOffset = ledger.append("dave", Origin.REST, CommandIssued.of(new Target.Unicast("ghost"), "summary",
                    List.of("ghost"), deadline));
        }
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            assertThat(json("/v1/history?status=pending").get("total").asLong()).isEqualTo(1);
            assertThat(json("/v1/history?status=expired").get("total").asLong()).isEqualTo(1);
        });
    }

    // i % 5 picks the command; actors and origins cycle on other periods so filters cut across each other.
    private static Issued command(int i) {
        String actor = i % 2 == 0 ? "alice" : "bob";
        Origin origin = i % 3 == 0 ? Origin.REST : Origin.CONSOLE;
        switch (i % 5) {
            case 0:
                return new Issued(-1, actor, origin, new Target.Broadcast(), "version", false);
            case 1:
                return new Issued(-1, actor, origin, new Target.Subcluster("east"), "summary", false);
            case 2:
                return new Issued(-1, actor, origin, new Target.Unicast("rh52bar2"), "bogus" + i, true);
            case 3:
                return new Issued(-1, actor, origin, new Target.Unicast("rh52mgr"), "sieve:s" + i + " flush cache", false);
            default:
                return new Issued(-1, actor, origin, new Target.Broadcast(), "cluster membership", false);
        }
    }

    private static List<String> expected(Target target) {
        return List.of("rh52bare", "rh52mgr", "rh52bar2").stream()
                .filter(node -> target.includes(node, node.equals("rh52bar2") ? "west" : "east")).toList();
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void noFilterListsEveryCommandNewestFirstTwentyAPageWithEachNodesFirstLine() {
        String text = manager.console("history").body();

        assertThat(text).startsWith("history: 302 command(s), page 1 of 16, newest first\n");
        assertThat(text.lines().filter(line -> !line.startsWith(" ")).skip(1).limit(2)).containsExactly(
                pendingOffset + " " + issuedAt(pendingOffset) + " dave rest node ghost: summary",
                expiredOffset + " " + issuedAt(expiredOffset) + " dave rest node ghost: version");
        assertThat(text).contains("  1 node: 1 pending\n    ghost PENDING\n", "  1 node: 1 undelivered\n    ghost UNDELIVERED\n");
        Issued membership = issued.get(COMMANDS - 1);
        assertThat(text).contains(membership.offset() + " " + issuedAt(membership.offset()) + " bob console broadcast: cluster membership\n"
                + "  3 nodes: 3 ok\n"
                + "    rh52bar2@west OK: Cluster membership as seen by rh52bar2:\n"
                + "    rh52bare@east OK: Cluster membership as seen by rh52bare:\n"
                + "    rh52mgr@east OK: Cluster membership as seen by rh52mgr:\n");
    }

    @Test
    void eachFilterKeepsExactlyTheCommandsItDescribes() throws Exception {
        assertFilter("actor=alice", c -> c.actor().equals("alice"));
        assertFilter("origin=rest", c -> c.origin() == Origin.REST);
        assertFilter("broadcast=true", c -> c.target() instanceof Target.Broadcast);
        assertFilter("subcluster=east", c -> c.target().equals(new Target.Subcluster("east")));
        assertFilter("node=rh52bar2", c -> c.target().includes("rh52bar2", "west"));
        assertFilter("node=rh52bare", c -> c.target().includes("rh52bare", "east"));
        assertFilter("text=SIEVE", c -> c.text().startsWith("sieve:"));
        assertFilter("regex=" + URLEncoder.encode("^bogus1\\d$", StandardCharsets.UTF_8), c -> c.text().matches("bogus1\\d"));
        assertFilter("status=error", Issued::error);
        assertFilter("actor=bob&status=error&origin=console",
                c -> c.actor().equals("bob") && c.error() && c.origin() == Origin.CONSOLE);
    }

    @Test
    void sinceAndUntilKeepTheCommandsIssuedInThatRange() throws Exception {
        Issued from = issued.get(40);
        Issued to = issued.get(200);
        Instant since = Instant.parse(issuedAt(from.offset()));
        Instant until = Instant.parse(issuedAt(to.offset()));
        List<Long> expected = new ArrayList<>();
        for (JsonNode entry : json("/v1/history?limit=1000").get("entries")) {
            Instant at = Instant.parse(entry.get("issuedAt").asText());
            if (!at.isBefore(since) && !at.isAfter(until)) {
                expected.add(entry.get("offset").asLong());
            }
        }
        JsonNode page = json("/v1/history?limit=1000&since=" + since + "&until=" + until);

        assertThat(offsets(page)).containsExactlyElementsOf(expected).contains(from.offset(), to.offset());
        assertThat(json("/v1/history?since=1h").get("total").asLong()).isEqualTo(302);
        assertThat(json("/v1/history?until=2020-01-01").get("total").asLong()).isZero();
    }

    @Test
    void pagesFitTogetherIntoTheWholeListInEitherOrder() throws Exception {
        List<Long> all = offsets(json("/v1/history?limit=1000"));
        List<Long> paged = new ArrayList<>();
        for (int page = 1; page <= 44; page++) {
            JsonNode answer = json("/v1/history?limit=7&page=" + page);
            assertThat(answer.get("entries").size()).isEqualTo(page < 44 ? 7 : 302 - 43 * 7);
            paged.addAll(offsets(answer));
        }
        List<Long> oldestFirst = offsets(json("/v1/history?limit=1000&oldest-first=true"));

        assertThat(all).hasSize(302).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(paged).isEqualTo(all);
        List<Long> reversed = new ArrayList<>(all);
        java.util.Collections.reverse(reversed);
        assertThat(oldestFirst).isEqualTo(reversed);
        assertThat(json("/v1/history?limit=7&page=45").get("entries")).isEmpty();
        assertThat(manager.console("history --limit 7 --page 45").body())
                .isEqualTo("history: 302 command(s), page 45 of 44, newest first\n(no entries on this page)\n");
    }

    @Test
    void flushedCommandsStayInHistoryMarkedFlushed() throws Exception {
        JsonNode all = json("/v1/history?limit=1000").get("entries");
        for (JsonNode entry : all) {
            assertThat(entry.get("flushed").asBoolean()).as("offset %s", entry.get("offset"))
                    .isEqualTo(entry.get("offset").asLong() < flushOffset);
        }
        Issued early = issued.get(0);
        assertThat(manager.console("history --oldest-first --limit 1").body())
                .contains(early.offset() + " " + issuedAt(early.offset()) + " alice rest broadcast: version [flushed]\n");
    }

    @Test
    void showGivesTheWholeRecordWithEveryNodesFullOutput() {
        Issued summary = issued.get(COMMANDS - 4);
        String text = manager.console("history show " + summary.offset()).body();

        assertThat(text).startsWith("offset " + summary.offset() + ": command\n"
                + "time: " + issuedAt(summary.offset()) + "\nactor: " + summary.actor() + "\norigin: console\n");
        assertThat(text).contains("target: subcluster east\ncommand: summary\n", "results buffer: current\n",
                "rh52bare@east OK at ", "    Node: rh52bare (subcluster east)\n    Commands run: ",
                "rh52mgr@east OK at ", "    Node: rh52mgr (subcluster east)\n", "    DuraVIP bindings owned: ")
                .doesNotContain("rh52bar2");

        assertThat(manager.console("history show " + flushOffset).body()).isEqualTo("offset " + flushOffset + ": flush\n"
                + "time: " + json("/v1/history/" + flushOffset).get("time").asText()
                + "\nactor: carol\norigin: console\nevent: flush control cache\n");
        HttpResponse<String> nothing = manager.console("history show 99999");
        assertThat(nothing.statusCode()).isEqualTo(400);
        assertThat(nothing.body()).contains("no command, flush or config change at ledger offset 99999");
    }

    @Test
    void showOverRestIsTheRecordAsJson() throws Exception {
        Issued error = issued.get(COMMANDS - 3);
        JsonNode record = json("/v1/history/" + error.offset());

        assertThat(record.get("kind").asText()).isEqualTo("command");
        JsonNode node = record.get("command").get("nodes").get(0);
        assertThat(node.get("node").asText()).isEqualTo("rh52bar2");
        assertThat(node.get("state").asText()).isEqualTo("ANSWERED");
        assertThat(node.get("status").asText()).isEqualTo("ERROR");
        assertThat(node.get("output").asText()).isEqualTo("Unknown command '" + error.text() + "'");
        assertThat(manager.get("/v1/history/99999").statusCode()).isEqualTo(404);
        assertThat(manager.get("/v1/history/x").statusCode()).isEqualTo(400);
    }

    @Test
    void badFiltersAreRefusedWithTheSameReasonsAsTheConsole() {
        HttpResponse<String> rest = manager.get("/v1/history?status=ok");
        assertThat(rest.statusCode()).isEqualTo(400);
        assertThat(rest.body()).contains("invalid-filter", "status: 'ok' is not a status; use error, expired, pending, rejected or denied");
        assertThat(manager.get("/v1/history?colour=red").body()).contains("unknown filter '--colour'");
        assertThat(manager.get("/v1/history?broadcast=yes").body()).contains("broadcast must be true or false");
        HttpResponse<String> console = manager.console("history --status ok");
        assertThat(console.statusCode()).isEqualTo(400);
        assertThat(console.body()).contains("history: --status: 'ok' is not a status");
    }

    private void assertFilter(String query, Predicate<Issued> expected) throws Exception {
        List<Long> offsets = issued.stream().filter(expected).map(Issued::offset).sorted((a, b) -> Long.compare(b, a)).toList();
        JsonNode page = json("/v1/history?limit=1000&" + query);
        List<Long> got = offsets(page).stream().filter(offset -> offset < expiredOffset).toList();
        assertThat(got).as(query).isNotEmpty().containsExactlyElementsOf(offsets);
    }

    private String issuedAt(long offset) {
        return json("/v1/history/" + offset).get("time").asText();
    }

    private static List<Long> offsets(JsonNode page) {
        List<Long> offsets = new ArrayList<>();
        page.get("entries").forEach(entry -> offsets.add(entry.get("offset").asLong()));
        return offsets;
    }

    private JsonNode json(String path) {
        HttpResponse<String> response = manager.get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        try {
            return JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

}
