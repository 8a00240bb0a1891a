package io.ecledger.api.asof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ecledger.api.testing.Cluster;
import io.ecledger.api.testing.ManagerFixture;
import io.ecledger.api.testing.SeededCluster;
import io.ecledger.ledger.kafka.Ledger;
import io.ecledger.ledger.testing.KafkaBroker;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Time travel end to end: live answers recorded at several points of a real cluster's life (real broker, real H2
 * file, real HTTP, the seed's agents), then asked again afterwards with {@code --at} / {@code ?asOf=} — by ledger
 * offset and by time — and compared with what was shown live, byte for byte.
 */
@ExtendWith(KafkaBroker.class)
class AsOfIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    /** What the live views showed at one moment, with the ledger's last offset and the time just after. */
    private record Seen(long lastOffset, Instant at, String retrieve, String membership, String resultsJson,
            String config) {}

    private static final String EVAL = "config eval Control_Listener Listen /tmp/2025 Timeout";

    @Test
    void answersAsOfAnOffsetOrATimeEqualWhatTheLiveViewShowedThen(KafkaBroker.Handle broker) {
        List<Seen> seen = new ArrayList<>();
        try (Cluster cluster = SeededCluster.fresh(broker).withSeedConf().start()) {
            ManagerFixture manager = cluster.manager();
            Ledger ledger = cluster.ledger();
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(
                    manager.console("show cluster membership").body()).contains("alive").doesNotContain("silent", "left")
                    .contains("rh52bare", "rh52mgr", "rh52bar2"));

            // 1: a broadcast, answered by all three
            manager.console("broadcast version");
            awaitAnswered(manager, 3);
            seen.add(record(manager, ledger));

            // 2: flushed — retrieve has nothing
            assertThat(manager.console("flush control cache").statusCode()).isEqualTo(200);
            seen.add(record(manager, ledger));
            assertThat(seen.get(1).retrieve()).startsWith("no command 'version'");

            // 2b: a configuration change
            assertThat(manager.console("config set Control_Listener Timeout = 30").statusCode()).isEqualTo(200);
            seen.add(record(manager, ledger));
            assertThat(seen.get(1).config()).isEqualTo("Timeout = 60  # default");
            assertThat(seen.get(2).config()).isEqualTo("Timeout = 30  # from Control_Listener");

            // 3: another broadcast, answered; then rh52bar2 leaves before anything else reaches the ledger, so the
            // state "right after this offset" is the one with the node gone
            manager.console("broadcast version");
            awaitAnswered(manager, 3);
            cluster.stopNode("rh52bar2");
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(
                    manager.console("show cluster membership").body()).containsPattern("rh52bar2 .* left"));
            seen.add(record(manager, ledger));

            // 4: a broadcast only the two remaining nodes are expected to answer
            manager.console("broadcast version");
            awaitAnswered(manager, 2);
            seen.add(record(manager, ledger));

            assertThat(seen.stream().map(Seen::lastOffset).distinct()).hasSize(5);
            assertThat(seen.get(0).membership()).doesNotContain("left");
            assertThat(seen.get(4).membership()).containsPattern("rh52bar2 .* left");
            assertThat(seen.get(3).retrieve()).isNotEqualTo(seen.get(0).retrieve());

            for (Seen then : seen) {
                for (String point : List.of(String.valueOf(then.lastOffset()), then.at().toString())) {
                    assertThat(manager.console("retrieve --at " + point + " version").body())
                            .as("retrieve --at %s", point).isEqualTo(then.retrieve());
                    assertThat(manager.console("show cluster membership --at " + point).body())
                            .as("show cluster membership --at %s", point).isEqualTo(then.membership());
                    assertThat(manager.get("/v1/results?command=version&asOf=" + encode(point)).body())
                            .as("GET /v1/results?asOf=%s", point).isEqualTo(then.resultsJson());
                    assertThat(manager.console(EVAL.replace("eval", "eval --at " + point)).body())
                            .as("config eval --at %s", point).isEqualTo(then.config());
                }
            }

            // the first point shows the first broadcast, not one issued later with the same text
            // the ledger's last offset is the commit marker of the manager's transaction; the command is just before it
            assertThat(seen.get(0).retrieve()).contains("at ledger offset " + (seen.get(0).lastOffset() - 1));
            HttpResponse<String> beyond = manager.console("retrieve --at " + (seen.get(4).lastOffset() + 1) + " version");
            assertThat(beyond.statusCode()).isEqualTo(400);
            assertThat(beyond.body()).contains("the ledger ends before that offset; its last offset is " + seen.get(4).lastOffset());
            assertThat(manager.get("/v1/membership?asOf=yesterday").statusCode()).isEqualTo(400);
            assertThat(manager.get("/v1/membership?asOf=" + seen.get(0).lastOffset()).body())
                    .contains("\"rh52bar2\"").doesNotContain("\"left\":true");
        }
    }

    private static void awaitAnswered(ManagerFixture manager, int nodes) {
        await().atMost(PATIENCE).untilAsserted(() -> {
            String answer = manager.console("retrieve version").body();
            assertThat(answer).doesNotContain("pending", "timed out");
            assertThat(answer.lines().filter(line -> line.endsWith("): OK"))).hasSize(nodes);
        });
    }

    private static Seen record(ManagerFixture manager, Ledger ledger) {
        long last = ledger.endOffset() - 1;
        String retrieve = manager.console("retrieve version").body();
        String membership = manager.console("show cluster membership").body();
        String json = manager.get("/v1/results?command=version").body();
        String config = manager.console(EVAL).body();
        Instant at = Instant.now();
        // nothing was appended meanwhile: the three answers are of one point
        assertThat(ledger.endOffset() - 1).isEqualTo(last);
        return new Seen(last, at, retrieve, membership, json, config);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
