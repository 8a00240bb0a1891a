package io.ecledger.api.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ecledger.api.testing.Cluster;
import io.ecledger.api.testing.ManagerFixture;
import io.ecledger.api.testing.SeededCluster;
import io.ecledger.ledger.command.Origin;
import io.ecledger.ledger.command.Target;
import io.ecledger.ledger.event.CommandIssued;
import io.ecledger.ledger.kafka.Ledger;
import io.ecledger.ledger.kafka.LedgerEntry;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** Re-issue on a real manager, three real node agents and a real broker. */
@ExtendWith(SeededCluster.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplayIT {

    private static final Pattern SENT = Pattern.compile("command ([0-9a-f-]{36}) at ledger offset (\\d+)");
    private static final Pattern REPLAYED = Pattern.compile("offset (\\d+) -> offset (\\d+) command ([0-9a-f-]{36})");

    private ManagerFixture manager;
    private Ledger ledger;

    @BeforeAll
    void joinTheSharedCluster(Cluster cluster) {
        manager = cluster.manager();
        ledger = cluster.ledger();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(manager.console("info").body())
                .contains("nodes: 3 (3 alive)"));
    }

    @Test
    void reissueAppendsNewCommandsLinkedToTheOriginalsAndTheNodesAnswerThemAgain() {
        long first = sent("broadcast version");
        long flush = offsetOf(manager.console("flush control cache").body());
        long last = sent("unicast rh52bar2 sieve:sieve1 flush cache");
        assertThat(flush).isBetween(first, last);

        HttpResponse<String> answer = manager.console("replay " + first + ".." + last);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).startsWith("replayed 2 command(s) from ledger offsets " + first + ".." + last);
        List<long[]> links = new ArrayList<>();
        List<String> newIds = new ArrayList<>();
        Matcher replayed = REPLAYED.matcher(answer.body());
        while (replayed.find()) {
            links.add(new long[] {Long.parseLong(replayed.group(1)), Long.parseLong(replayed.group(2))});
            newIds.add(replayed.group(3));
        }
        assertThat(links).extracting(link -> link[0]).containsExactly(first, last);

        List<LedgerEntry> originals = entriesAt(first, last);
        List<LedgerEntry> copies = entriesAt(links.get(0)[1], links.get(1)[1]);
        for (int i = 0; i < 2; i++) {
            CommandIssued original = (CommandIssued) originals.get(i).event().payload();
            CommandIssued copy = (CommandIssued) copies.get(i).event().payload();
            assertThat(copies.get(i).event().origin()).isEqualTo(Origin.REPLAY);
            assertThat(copy.replayOf()).hasValue(originals.get(i).offset());
            assertThat(copy.commandId()).isNotEqualTo(original.commandId()).hasToString(newIds.get(i));
            assertThat(copy.commandText()).isEqualTo(original.commandText());
            assertThat(copy.target()).isEqualTo(original.target());
            assertThat(copy.expectedNodes()).isEqualTo(original.expectedNodes());
            assertThat(copy.deadline()).isAfter(original.deadline());
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String broadcast = manager.get("/v1/commands/" + newIds.get(0)).body();
            assertThat(broadcast).contains("rh52bare", "rh52mgr", "rh52bar2").doesNotContain("PENDING");
            assertThat(manager.get("/v1/commands/" + newIds.get(1)).body()).contains("rh52bar2").doesNotContain("PENDING");
        });
    }

    @Test
    void replayToAnotherTargetSendsTheCommandThereWithNodesExpectedNow() {
        long original = sent("subcluster broadcast east summary");

        String answer = manager.console("replay " + original + " to node rh52bar2").body();

        Matcher replayed = REPLAYED.matcher(answer);
        assertThat(replayed.find()).as(answer).isTrue();
        LedgerEntry copy = entriesAt(Long.parseLong(replayed.group(2)), Long.parseLong(replayed.group(2))).get(0);
        CommandIssued issued = (CommandIssued) copy.event().payload();
        assertThat(issued.target()).isEqualTo(new Target.Unicast("rh52bar2"));
        assertThat(issued.expectedNodes()).containsExactly("rh52bar2");
        assertThat(issued.replayOf()).hasValue(original);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                manager.get("/v1/commands/" + replayed.group(3)).body()).contains("rh52bar2").doesNotContain("PENDING"));
    }

    @Test
    void dryRunPrintsWhatWouldBeSentAndAppendsNothing() {
        long original = sent("broadcast cluster duravip announce view");
        long before = ledger.endOffset();

        String answer = manager.console("replay " + original + " to subcluster west --dry-run").body();

        assertThat(answer).isEqualTo("dry run: would replay 1 command(s) from ledger offsets " + original + ".." + original
                + "; nothing appended\noffset " + original + " to subcluster west (rh52bar2): cluster duravip announce view");
        assertThat(ledger.endOffset()).isEqualTo(before);
    }

    @Test
    void everyRefusalNamesTheReasonAndAppendsNothing() {
        long command = sent("broadcast version");
        long flush = offsetOf(manager.console("flush control cache").body());
        long before = ledger.endOffset();

        assertRefused("replay " + before,
                "ledger offset " + before + " is out of range: the ledger holds offsets 0.." + (before - 1));
        assertRefused("replay " + command + ".." + (before + 5), "ledger offsets " + command + ".." + (before + 5)
                + " are out of range");
        assertRefused("replay " + flush, "ledger offset " + flush + " holds no commands to replay");
        assertRefused("replay " + command + " to node nosuchnode", "unknown node 'nosuchnode'");
        assertRefused("replay " + command + " to subcluster north --dry-run", "unknown subcluster 'north'");
        assertRefused("replay " + command + "..x", "is not a ledger offset or range FROM..TO");
        assertRestRefused("{\"from\": " + command + ", \"target\": {\"node\": \"nosuchnode\"}}", "unknown-node");
        assertRestRefused("{\"from\": " + before + "}", "offset-out-of-range");
        assertRestRefused("{\"from\": " + flush + ", \"dryRun\": true}", "no-commands");
        assertRestRefused("{\"from\": 5, \"to\": 4}", "invalid-range");

        assertThat(ledger.endOffset()).isEqualTo(before);
    }

    @Test
    void restReplayAnswersWithThePlanAndWhatWasSent() {
        long original = sent("unicast rh52mgr version");
        long before = ledger.endOffset();

        HttpResponse<String> dry = manager.postJson("/v1/replay", "{\"from\": " + original + ", \"dryRun\": true}");
        assertThat(dry.statusCode()).isEqualTo(200);
        assertThat(dry.body()).contains("\"dryRun\":true", "\"originalOffset\":" + original, "\"sent\":[]");
        assertThat(ledger.endOffset()).isEqualTo(before);

        HttpResponse<String> real = manager.postJson("/v1/replay",
                "{\"from\": " + original + ", \"to\": " + original + ", \"target\": {\"broadcast\": true}}");
        assertThat(real.statusCode()).isEqualTo(200);
        assertThat(real.body()).contains("\"dryRun\":false", "\"offset\":" + before, "\"target\":{\"broadcast\":true}");
        // one event, and the commit marker of its transaction
        assertThat(ledger.endOffset()).isEqualTo(before + 2);
    }

    private void assertRefused(String line, String message) {
        HttpResponse<String> answer = manager.console(line);
        assertThat(answer.statusCode()).as(line).isEqualTo(400);
        assertThat(answer.body()).as(line).contains(message);
    }

    private void assertRestRefused(String json, String code) {
        HttpResponse<String> answer = manager.postJson("/v1/replay", json);
        assertThat(answer.statusCode()).as(json).isEqualTo(400);
        assertThat(answer.body()).as(json).contains("\"code\":\"" + code + "\"");
    }

    private long sent(String line) {
        String answer = manager.console(line).body();
        Matcher sent = SENT.matcher(answer);
        assertThat(sent.find()).as(answer).isTrue();
        return Long.parseLong(sent.group(2));
    }

    private static long offsetOf(String flushAnswer) {
        return Long.parseLong(flushAnswer.replaceAll(".*ledger offset (\\d+).*", "$1").strip());
    }

    private List<LedgerEntry> entriesAt(long first, long last) {
        List<LedgerEntry> found = new ArrayList<>();
        ledger.read(first, entry -> {
            if (entry.offset() <= last && entry.event().payload() instanceof CommandIssued) {
                found.add(entry);
            }
        });
        return found;
    }
}
