package io.ecledger.api.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecledger.ledger.codec.EventCodec;
import io.ecledger.ledger.command.Origin;
import io.ecledger.ledger.command.Target;
import io.ecledger.ledger.event.CommandIssued;
import io.ecledger.ledger.event.LedgerEvent;
import io.ecledger.ledger.kafka.ClientProperties;
import io.ecledger.ledger.kafka.KafkaClientOverrides;
import io.ecledger.ledger.kafka.Ledger;
import io.ecledger.ledger.kafka.LedgerEntry;
import io.ecledger.ledger.kafka.SkippedRecords;
import io.ecledger.ledger.kafka.TopicLayout;
import io.ecledger.ledger.kafka.TopicSettings;
import io.ecledger.ledger.kafka.Topics;
import io.ecledger.ledger.sign.CurrentManagerKey;
import io.ecledger.ledger.sign.ManagerKey;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manager's ledger on a real three-broker cluster (replication 3, two in sync) while {@code kill -9} takes out the
 * broker leading the ledger partition under a steady 200 appends a second: no acknowledged command is lost or
 * written twice, and appends carry on. Counted by an independent {@code read_committed} consumer.
 */
@Tag("faults")
class LedgerBrokerKillIT {

    private static final int RATE = 200;
    private static final Duration BEFORE_KILL = Duration.ofSeconds(5);
    private static final Duration AFTER_KILL = Duration.ofSeconds(15);

    @TempDir
    Path directory;

    @Test
    void killingTheLedgerLeaderLosesNoAcknowledgedCommandAndAppendsCarryOn() throws Exception {
        try (ThreeBrokerCluster cluster = ThreeBrokerCluster.up(directory)) {
            String servers = cluster.bootstrapServers();
            TopicLayout layout = new TopicLayout("faults");
            int leader;
            try (Admin admin = Admin.create(ClientProperties.admin(servers, "faults-admin", KafkaClientOverrides.none()))) {
                new Topics(admin, layout, TopicSettings.forCluster(3)).ensure();
                leader = admin.describeTopics(List.of(layout.ledger())).allTopicNames().get(30, TimeUnit.SECONDS)
                        .get(layout.ledger()).partitions().get(0).leader().id();
            }

            Map<String, CompletableFuture<LedgerEntry>> sent = new HashMap<>();
            Map<String, Long> sentAt = new HashMap<>();
            Map<String, Long> acknowledgedAt = new ConcurrentHashMap<>();
            CompletableFuture<Long> killing = new CompletableFuture<>();
            CompletableFuture<Long> killedAt = new CompletableFuture<>();
            try (Ledger ledger = Ledger.openManager(servers, KafkaClientOverrides.none(), layout, new SkippedRecords(),
                    new CurrentManagerKey(ManagerKey.generate(), OptionalLong.empty()))) {
                ledger.takeOver();
                // the kill lands while appends flow: the sender does not pause for it
                Thread killer = new Thread(() -> {
                    try {
                        TimeUnit.NANOSECONDS.sleep(BEFORE_KILL.toNanos());
                        killing.complete(System.nanoTime());
                        cluster.kill(leader);
                        killedAt.complete(System.nanoTime());
                    } catch (Exception e) {
                        killedAt.completeExceptionally(e);
                    }
                }, "faults-killer");
                killer.start();
                sendSteadily(ledger, BEFORE_KILL.plus(AFTER_KILL), sent, sentAt, acknowledgedAt);
                killer.join();
                sent.values().forEach(f -> f.handle((entry, error) -> null).join());
            }
            long killed = killedAt.join();

            List<String> acknowledged = sent.entrySet().stream().filter(e -> !e.getValue().isCompletedExceptionally())
                    .map(Map.Entry::getKey).toList();
            Map<String, Integer> onLedger = committedCommandTexts(servers, layout);
            // the time to recover: the longest wait of an append acknowledged once the kill began
            long killStarted = killing.join();
            long longestWait = acknowledged.stream().filter(text -> acknowledgedAt.get(text) > killStarted)
                    .mapToLong(text -> acknowledgedAt.get(text) - sentAt.get(text)).max().orElseThrow();
            long lastAcknowledgedBeforeKill = acknowledged.stream().filter(text -> sentAt.get(text) <= killed)
                    .mapToLong(acknowledgedAt::get).max().orElseThrow();
            System.out.printf("broker kill: node %d (the ledger's leader) killed -9 under %d appends/s; %d of %d appends "
                            + "acknowledged; recovered in %d ms (the longest wait of an append acknowledged after the kill began)%n",
                    leader, RATE, acknowledged.size(), sent.size(), TimeUnit.NANOSECONDS.toMillis(longestWait));

            assertThat(acknowledged).allSatisfy(text -> assertThat(onLedger.get(text)).as(text).isEqualTo(1));
            assertThat(onLedger.values()).allSatisfy(count -> assertThat(count).isEqualTo(1));
            assertThat(onLedger.keySet()).isSubsetOf(sent.keySet());
            long acknowledgedAfterKill = acknowledged.stream().filter(text -> sentAt.get(text) > killed).count();
            assertThat(acknowledgedAfterKill).as("appends sent after the kill and acknowledged").isGreaterThan(RATE);
            assertThat(lastAcknowledgedBeforeKill).as("appends were still flowing when the broker died").isGreaterThan(0);
            cluster.start(leader);
        }
    }

    private static void sendSteadily(Ledger ledger, Duration period, Map<String, CompletableFuture<LedgerEntry>> sent,
            Map<String, Long> sentAt, Map<String, Long> acknowledgedAt) throws InterruptedException {
        long start = System.nanoTime();
        long end = start + period.toNanos();
        long interval = TimeUnit.SECONDS.toNanos(1) / RATE;
        for (long next = start; next < end; next += interval) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            String text = "sieve:sieve1 flush cache " + sent.size();
            sentAt.put(text, System.nanoTime());
            CompletableFuture<LedgerEntry> append = ledger.appendAsync("faults", Origin.CONSOLE,
                    CommandIssued.of(new Target.Broadcast(), text, List.of("rh52bare"), Instant.now().plusSeconds(60)));
            append.thenRun(() -> acknowledgedAt.put(text, System.nanoTime()));
            sent.put(text, append);
        }
    }

    /** How often each command text is on the ledger, read to its end by a plain read_committed consumer. */
    private static Map<String, Integer> committedCommandTexts(String servers, TopicLayout layout) throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        TopicPartition partition = new TopicPartition(layout.ledger(), 0);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(ClientProperties.reader(servers, "faults-count"))) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), Duration.ofSeconds(30)).get(partition);
            while (consumer.position(partition, Duration.ofSeconds(30)) < end) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    LedgerEvent event = EventCodec.LEDGER.decode(record.value());
                    if (event.payload() instanceof CommandIssued) {
                        counts.merge(((CommandIssued) event.payload()).commandText(), 1, Integer::sum);
                    }
                }
            }
        }
        return counts;
    }
}
