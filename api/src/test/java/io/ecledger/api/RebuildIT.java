package io.ecledger.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ecledger.api.testing.Cluster;
import io.ecledger.api.testing.ManagerFixture;
import io.ecledger.api.testing.SeededCluster;
import io.ecledger.ledger.testing.KafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBroker.class)
class RebuildIT {

    private static final List<String> LINES = List.of(
            "broadcast version",
            "subcluster broadcast east summary",
            "unicast rh52bar2 sieve:sieve1 flush cache",
            "flush control cache",
            "broadcast cluster duravip announce view");
    private static final List<String> RETRIEVES = List.of(
            "retrieve version",
            "retrieve cluster duravip announce view",
            "subcluster retrieve east cluster duravip announce view",
            "retrieve_node rh52bar2 sieve:sieve1 flush cache");

    @Test
    void deletingTheH2FileAndRestartingRebuildsEveryViewFromTheLedger(KafkaBroker.Handle broker) {
        List<String> commandIds = new ArrayList<>();
        List<String> before = new ArrayList<>();
        try (Cluster cluster = SeededCluster.fresh(broker).start()) {
            ManagerFixture manager = cluster.manager();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(manager.console("info").body()).contains("nodes: 3 (3 alive)"));
            for (String line : LINES) {
                String answer = manager.console(line).body();
                Matcher id = Pattern.compile("command ([0-9a-f-]{36})").matcher(answer);
                if (id.find()) {
                    commandIds.add(id.group(1));
                }
            }
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(commandIds).allSatisfy(id ->
                    assertThat(manager.get("/v1/commands/" + id).body()).doesNotContain("PENDING")));
            collect(manager, commandIds, before);
            cluster.stopManager();
            cluster.stopNodes();

            deleteH2Files(cluster.data());

            ManagerFixture rebuilt = cluster.restartManager();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                List<String> after = new ArrayList<>();
                collect(rebuilt, commandIds, after);
                assertThat(after).containsExactlyElementsOf(before);
            });
        }
    }

    private static void collect(ManagerFixture manager, List<String> commandIds, List<String> into) {
        for (String id : commandIds) {
            into.add(manager.get("/v1/commands/" + id).body());
        }
        for (String line : RETRIEVES) {
            into.add(manager.console(line).body());
        }
    }

    private static void deleteH2Files(Path data) {
        try (Stream<Path> files = Files.list(data)) {
            List<Path> h2 = files.filter(f -> f.getFileName().toString().startsWith("ecledger.")).toList();
            assertThat(h2).as("the H2 file under %s", data).isNotEmpty();
            for (Path file : h2) {
                Files.delete(file);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
