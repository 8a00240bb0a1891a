package io.ecledger.api.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecledger.api.testing.Cluster;
import io.ecledger.api.testing.ManagerFixture;
import io.ecledger.api.testing.SeededCluster;
import io.ecledger.ledger.codec.EventCodec;
import io.ecledger.ledger.codec.LedgerHashing;
import io.ecledger.ledger.command.Origin;
import io.ecledger.ledger.command.Target;
import io.ecledger.ledger.event.CommandIssued;
import io.ecledger.ledger.event.Hash;
import io.ecledger.ledger.event.LedgerEvent;
import io.ecledger.ledger.event.MembershipEvent;
import io.ecledger.ledger.event.NodeIdentity;
import io.ecledger.ledger.event.NodeResponse;
import io.ecledger.ledger.event.NodeStatus;
import io.ecledger.ledger.event.Payload;
import io.ecledger.ledger.event.Seal;
import io.ecledger.ledger.kafka.ClientProperties;
import io.ecledger.ledger.sign.ManagerKey;
import io.ecledger.ledger.sign.NodeKey;
import io.ecledger.ledger.sign.NodeRecords;
import io.ecledger.ledger.testing.KafkaBroker;
import io.ecledger.ledger.testing.Outsider;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.SchemaNormalization;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/**
 * An outsider's plain producer floods each of the three topics with 1,000 hostile records (garbage, unknown schema
 * fingerprints, fuzzed bodies under a known one, oversize records, well-formed but hostile values, empty values,
 * tombstones, no keys) between genuine broadcasts: every reader reports every one with its topic, partition and
 * offset (in its log lines, on its own thread), keeps going, and answers every genuine command; nothing hostile runs.
 */
@Tag("faults")
@ExtendWith(KafkaBroker.class)
class HostileRecordsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern COMMAND_ID = Pattern.compile("command ([0-9a-f-]{36}) at ledger offset (\\d+)");
    private static final Pattern WHERE = Pattern.compile("topic=(\\S+) partition=(\\d+) offset=(\\d+)");
    private static final List<String> NODES = List.of("rh52bare", "rh52mgr", "rh52bar2");
    private static final int ROUNDS = 20;
    private static final int PER_ROUND = 50;
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    /** A record as the broker placed it. */
    private record Where(String topic, int partition, long offset) {
        @Override
        public String toString() {
            return topic + "-" + partition + "@" + offset;
        }
    }

    /** Every log line of the test JVM (manager and agents run in it), with the thread that wrote it. */
    private static final class Captured extends AppenderBase<ILoggingEvent> {
        final ConcurrentLinkedQueue<String[]> lines = new ConcurrentLinkedQueue<>();

        @Override
        protected void append(ILoggingEvent event) {
            lines.add(new String[] {event.getThreadName(), event.getLoggerName(), event.getFormattedMessage()});
        }

        /** Where each line written on {@code thread} says a record is, e.g. topic=x partition=0 offset=7. */
        Set<Where> reportedBy(String thread) {
            Set<Where> reported = new HashSet<>();
            for (String[] line : lines) {
                if (line[0].equals(thread)) {
                    Matcher where = WHERE.matcher(line[2]);
                    while (where.find()) {
                        reported.add(new Where(where.group(1), Integer.parseInt(where.group(2)),
                                Long.parseLong(where.group(3))));
                    }
                }
            }
            return reported;
        }
    }

    @Test
    void everyHostileRecordIsReportedWhereItIsAndEveryGenuineCommandIsStillAnsweredByEveryNode(KafkaBroker.Handle broker)
            throws Exception {
        // ghost announcements stay pending keys instead of joining: a broadcast targets the three seed nodes only
        try (Cluster cluster = SeededCluster.fresh(broker).with("nodes.autoAcceptKeys", "false").start()) {
            ManagerFixture manager = cluster.manager();
            Captured captured = new Captured();
            ch.qos.logback.classic.Logger root =
                    (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            // attached after the manager started: Dropwizard resets logback when it starts
            captured.setContext(root.getLoggerContext());
            captured.start();
            root.addAppender(captured);
            try {
                run(cluster, manager, captured, broker);
            } finally {
                root.detachAppender(captured);
            }
        }
    }

    private void run(Cluster cluster, ManagerFixture manager, Captured captured, KafkaBroker.Handle broker)
            throws Exception {
        String ledger = cluster.layout().ledger();
        String responses = cluster.layout().responses();
        String membership = cluster.layout().membership();
        long ledgerStart = cluster.ledger().endOffset();
        Map<String, Long> callsBefore = cluster.executorCalls();
        Random random = new Random(13);
        Hostiles hostiles = new Hostiles(random);
        List<UUID> genuine = new ArrayList<>();
        Map<String, List<Where>> hostile = new LinkedHashMap<>();
        for (String topic : List.of(ledger, responses, membership)) {
            hostile.put(topic, new ArrayList<>());
        }
        Outsider outsider = new Outsider(broker.bootstrapServers());
        long lastGenuineOffset = broadcast(manager, genuine);
        List<Long> genuineOffsets = new ArrayList<>(List.of(lastGenuineOffset));
        try (Outsider.Writer writer = outsider.writer()) {
            for (int round = 0; round < ROUNDS; round++) {
                // byte copies of genuine events, the newest and older ones
                byte[] copied = outsider.read(ledger, genuineOffsets.get(random.nextInt(genuineOffsets.size())));
                UUID lastGenuine = genuine.get(genuine.size() - 1);
                for (int i = 0; i < PER_ROUND; i++) {
                    int n = round * PER_ROUND + i;
                    write(writer, hostile, ledger, hostiles.ledger(n, copied));
                    write(writer, hostile, responses, hostiles.response(n, lastGenuine, lastGenuineOffset));
                    write(writer, hostile, membership, hostiles.membership(n));
                    if (i == PER_ROUND / 2) {
                        // genuine commands among the hostile ones, not only between the floods
                        lastGenuineOffset = broadcast(manager, genuine);
                        genuineOffsets.add(lastGenuineOffset);
                        copied = outsider.read(ledger, lastGenuineOffset);
                    }
                }
                lastGenuineOffset = broadcast(manager, genuine);
                genuineOffsets.add(lastGenuineOffset);
            }
        }
        for (String topic : hostile.keySet()) {
            assertThat(hostile.get(topic)).as("hostile records on %s", topic).hasSize(ROUNDS * PER_ROUND);
        }

        // every genuine command, before, among and after the floods, answered OK by all three nodes
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            for (UUID id : genuine) {
                JsonNode command = JSON.readTree(manager.get("/v1/commands/" + id).body());
                assertThat(command.path("nodes")).as("answers to %s: %s", id, command).hasSize(3)
                        .allSatisfy(node -> {
                            assertThat(node.path("state").asText()).isEqualTo("ANSWERED");
                            assertThat(node.path("status").asText()).isEqualTo("OK");
                        });
            }
        });

        // the projection reached the ledger's end and read the other topics to theirs
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(gauge(manager, "ecledger.projection.ledger-lag"))
                .isZero());

        // nothing hostile ran: each executor ran exactly the genuine commands
        Map<String, Long> calls = cluster.executorCalls();
        for (String node : NODES) {
            assertThat(calls.get(node)).as("executor calls of %s", node)
                    .isEqualTo(callsBefore.get(node) + genuine.size());
        }

        // the ledger moved by the attacker's records and the genuine commands, nothing else
        Set<Long> hostileLedger = new HashSet<>();
        hostile.get(ledger).forEach(where -> hostileLedger.add(where.offset()));
        List<UUID> appended = new ArrayList<>();
        long hostileSeen = 0;
        for (ConsumerRecord<byte[], byte[]> record : ledgerFrom(cluster, ledgerStart)) {
            if (hostileLedger.contains(record.offset())) {
                hostileSeen++;
                continue;
            }
            LedgerEvent event = EventCodec.LEDGER.decode(record.value());
            assertThat(event.payload()).as("genuine ledger event at %d", record.offset())
                    .isInstanceOf(CommandIssued.class);
            appended.add(((CommandIssued) event.payload()).commandId());
        }
        assertThat(hostileSeen).isEqualTo(hostileLedger.size());
        assertThat(appended).containsExactlyElementsOf(genuine);

        // every hostile record reported with topic, partition and offset by every reader of its topic
        await().atMost(PATIENCE).untilAsserted(() -> {
            Map<String, List<Where>> unreported = new LinkedHashMap<>();
            Set<Where> projection = captured.reportedBy("ecledger-projection");
            hostile.forEach((topic, records) -> unreported.put("projection, " + topic, missing(records, projection)));
            unreported.put("chain monitor", missing(hostile.get(ledger), captured.reportedBy("ledger-chain-monitor")));
            for (String node : NODES) {
                unreported.put(node, missing(hostile.get(ledger), captured.reportedBy("node-agent-" + node)));
            }
            unreported.values().removeIf(List::isEmpty);
            assertThat(unreported).as("hostile records a reader did not report with topic, partition and offset")
                    .isEmpty();
        });

        JsonNode health = JSON.readTree(manager.admin("/healthcheck").body());
        System.out.printf("hostile records: %d per topic, %d genuine commands answered by all; skipped-records %d, "
                + "quarantined %d; health %s%n", ROUNDS * PER_ROUND, genuine.size(),
                gauge(manager, "ecledger.skipped-records"), manager.quarantinedRecords(), health);
        assertThat(health.path("kafka").path("healthy").asBoolean()).as("kafka health: %s", health).isTrue();
        assertThat(health.path("ledger-writer").path("healthy").asBoolean()).as("writer health: %s", health).isTrue();
        assertThat(health.path("projection-lag").path("message").asText()).isEqualTo("0 event(s) behind the ledger");
        // the foreign records are in the chain's way: it says so, with every one counted, and the genuine ones verified
        assertThat(health.path("ledger-chain").path("healthy").asBoolean()).isFalse();
        assertThat(health.path("ledger-chain").path("message").asText())
                .contains(ROUNDS * PER_ROUND + " broken record(s)");
        assertThat(manager.get("/v1/info").body()).contains("\"alive\":3,");
    }

    private static List<Where> missing(List<Where> records, Set<Where> reported) {
        return records.stream().filter(where -> !reported.contains(where)).limit(20).toList();
    }

    private static void write(Outsider.Writer writer, Map<String, List<Where>> hostile, String topic, byte[][] record)
            throws Exception {
        Outsider.Written written = writer.write(topic, record[0], record[1]);
        hostile.get(topic).add(new Where(written.topic(), written.partition(), written.offset()));
    }

    /** Broadcasts {@code version} through the manager's console; returns its ledger offset. */
    private static long broadcast(ManagerFixture manager, List<UUID> genuine) {
        String answer = manager.console("broadcast version").body();
        Matcher id = COMMAND_ID.matcher(answer);
        assertThat(id.find()).as("a command id in %s", answer).isTrue();
        genuine.add(UUID.fromString(id.group(1)));
        return Long.parseLong(id.group(2));
    }

    private static long gauge(ManagerFixture manager, String name) throws Exception {
        return JSON.readTree(manager.admin("/metrics").body()).path("gauges").path(name).path("value").asLong(-1);
    }

    /** Every committed ledger record from {@code from} to the end, as an independent reader gets them. */
    private static List<ConsumerRecord<byte[], byte[]>> ledgerFrom(Cluster cluster, long from) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        TopicPartition partition = new TopicPartition(cluster.layout().ledger(), 0);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                ClientProperties.reader(cluster.bootstrapServers(), "faults-hostile-" + UUID.randomUUID()))) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, from);
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                consumer.poll(Duration.ofMillis(500)).records(partition).forEach(records::add);
            }
        }
        return records;
    }

    /** The attacker's records: {key, value}, either possibly null. */
    private static final class Hostiles {

        private static final int OVERSIZE_MIN = 512 * 1024;
        private static final int OVERSIZE_MAX = 900 * 1024;
        private final Random random;
        private final ManagerKey mallory = ManagerKey.generate();

        Hostiles(Random random) {
            this.random = random;
        }

        byte[][] ledger(int n, byte[] genuineCopy) {
            byte[] key = n % 7 == 0 ? null : bytes(1 + random.nextInt(64));
            return new byte[][] {key, switch (n % 12) {
                case 0 -> garbage(n);
                case 1 -> unknownFingerprint();
                case 2 -> fuzzed(EventCodec.LEDGER.schema());
                case 3 -> EventCodec.LEDGER.encode(hashed(draft(command(new Target.Broadcast(), "version"), Hash.ZERO,
                        Seal.NONE)));
                case 4 -> EventCodec.LEDGER.encode(hashed(draft(command(new Target.Unicast("ghost" + n),
                        "version \u0000\u001b[2J\u0007" + "x".repeat(random.nextInt(100_000))), randomHash(),
                        Seal.NONE)));
                case 5 -> EventCodec.LEDGER.encode(signed(draft(command(new Target.Broadcast(), "summary"),
                        randomHash(), mallory.pending()), mallory));
                case 6 -> genuineCopy;
                case 7 -> new byte[0];
                case 8 -> null;
                case 9 -> EventCodec.LEDGER.encode(hashed(draft(command(new Target.Subcluster("nowhere"),
                        "version"), Hash.ZERO, Seal.NONE)));
                case 10 -> oversize(n, EventCodec.LEDGER.encode(hashed(draft(command(new Target.Broadcast(),
                        "version " + "y".repeat(OVERSIZE_MIN + random.nextInt(OVERSIZE_MAX - OVERSIZE_MIN))),
                        Hash.ZERO, Seal.NONE))));
                default -> bytes(random.nextInt(16));
            }};
        }

        byte[][] response(int n, UUID genuine, long genuineOffset) {
            UUID id = n % 5 == 0 ? genuine : UUID.randomUUID();
            byte[] key = n % 7 == 0 ? null : id.toString().getBytes(StandardCharsets.UTF_8);
            Instant now = Instant.now();
            return new byte[][] {key, switch (n % 12) {
                case 0 -> garbage(n);
                case 1 -> unknownFingerprint();
                case 2 -> fuzzed(EventCodec.RESPONSES.schema());
                case 3 -> EventCodec.RESPONSES.encode(new NodeResponse(id, genuineOffset, "rh52bar2", "west",
                        NodeStatus.ERROR, "pwned \u0000\u001b]0;owned\u0007", now, now));
                case 4 -> EventCodec.RESPONSES.encode(NodeRecords.sign(new NodeResponse(id, Long.MAX_VALUE,
                        "ghost" + n, "east", NodeStatus.OK, "z".repeat(random.nextInt(200_000)), Instant.EPOCH,
                        now.plus(Duration.ofDays(36_500))), NodeKey.generate()));
                case 5 -> misnamed(EventCodec.RESPONSES.encode(new NodeResponse(id, 0, "rh52zzzz", "east",
                        NodeStatus.OK, "ok", now, now)));
                case 6 -> EventCodec.RESPONSES.encode(new NodeResponse(id, genuineOffset, "rh52bare", "east",
                        NodeStatus.OK, "forged ok", now, now));
                case 7 -> new byte[0];
                case 8 -> null;
                case 9 -> EventCodec.RESPONSES.encode(NodeRecords.sign(new NodeResponse(id, genuineOffset, "rh52mgr",
                        "east", NodeStatus.REJECTED, "signed by someone else", now, now), NodeKey.generate()));
                case 10 -> oversize(n, EventCodec.RESPONSES.encode(new NodeResponse(id, genuineOffset, "rh52mgr",
                        "east", NodeStatus.OK, "o".repeat(OVERSIZE_MIN + random.nextInt(OVERSIZE_MAX - OVERSIZE_MIN)),
                        now, now)));
                default -> bytes(random.nextInt(16));
            }};
        }

        byte[][] membership(int n) {
            String node = n % 3 == 0 ? "ghost" + n : NODES.get(n % NODES.size());
            // the compacted topic's broker refuses a record without a key: an empty one instead
            byte[] key = n % 7 == 0 ? new byte[0] : node.getBytes(StandardCharsets.UTF_8);
            NodeIdentity identity = new NodeIdentity(node, n % 2 == 0 ? "east" : "evil", node + ".example.com", "test");
            Instant now = Instant.now();
            return new byte[][] {key, switch (n % 12) {
                case 0 -> garbage(n);
                case 1 -> unknownFingerprint();
                case 2 -> fuzzed(EventCodec.MEMBERSHIP.schema());
                case 3 -> EventCodec.MEMBERSHIP.encode(new MembershipEvent.NodeLeft(identity, now));
                case 4 -> EventCodec.MEMBERSHIP.encode(NodeRecords.sign(new MembershipEvent.NodeLeft(identity, now),
                        NodeKey.generate()));
                case 5 -> misnamed(EventCodec.MEMBERSHIP.encode(new MembershipEvent.NodeHeartbeat(
                        new NodeIdentity("rh52zzzz", "east", "h.example.com", "test"), now, Seal.NONE)));
                case 6 -> EventCodec.MEMBERSHIP.encode(new MembershipEvent.NodeHeartbeat(identity, now, Seal.NONE));
                case 7 -> new byte[0];
                case 8 -> null;
                case 9 -> EventCodec.MEMBERSHIP.encode(new MembershipEvent.NodeAnnounced(identity, now));
                case 10 -> oversize(n, garbage(n));
                default -> bytes(random.nextInt(16));
            }};
        }

        /** Random bytes, sometimes starting like a record of ours. */
        private byte[] garbage(int n) {
            byte[] garbage = bytes(1 + random.nextInt(4096));
            if (n % 24 == 0 && garbage.length > 1) {
                garbage[0] = (byte) 0xC3;
                garbage[1] = (byte) 0x01;
            }
            return garbage;
        }

        /** The single-object marker and a fingerprint no released schema has, then random bytes. */
        private byte[] unknownFingerprint() {
            byte[] record = bytes(10 + random.nextInt(512));
            record[0] = (byte) 0xC3;
            record[1] = (byte) 0x01;
            return record;
        }

        /** The marker and the topic's own schema fingerprint, then a random body. */
        private byte[] fuzzed(org.apache.avro.Schema schema) {
            byte[] record = bytes(10 + random.nextInt(1024));
            long fingerprint = SchemaNormalization.parsingFingerprint64(schema);
            record[0] = (byte) 0xC3;
            record[1] = (byte) 0x01;
            for (int i = 0; i < 8; i++) {
                record[2 + i] = (byte) (fingerprint >>> (8 * i));
            }
            return record;
        }

        /** Every tenth oversize record is garbage of the same size, the others as given. */
        private byte[] oversize(int n, byte[] wellFormed) {
            if (wellFormed.length < OVERSIZE_MIN) {
                byte[] big = bytes(OVERSIZE_MIN + random.nextInt(OVERSIZE_MAX - OVERSIZE_MIN));
                System.arraycopy(wellFormed, 0, big, 0, wellFormed.length);
                return big;
            }
            return wellFormed;
        }

        /** The record with its node name rh52zzzz turned into one with control characters, same length. */
        private static byte[] misnamed(byte[] encoded) {
            byte[] name = "rh52zzzz".getBytes(StandardCharsets.US_ASCII);
            byte[] hostile = "rh\u001b[2J\u0007\u0000".getBytes(StandardCharsets.US_ASCII);
            byte[] copy = encoded.clone();
            for (int i = 0; i + name.length <= copy.length; i++) {
                if (Arrays.equals(copy, i, i + name.length, name, 0, name.length)) {
                    System.arraycopy(hostile, 0, copy, i, hostile.length);
                    return copy;
                }
            }
            throw new AssertionError("no node name to turn hostile in the record");
        }

        private byte[] bytes(int length) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            return bytes;
        }

        private Hash randomHash() {
            return Hash.of(bytes(32));
        }

        private static CommandIssued command(Target target, String text) {
            return CommandIssued.of(target, text, NODES, Instant.now().plus(Duration.ofMinutes(1)));
        }

        private static LedgerEvent draft(Payload payload, Hash previous, Seal seal) {
            return new LedgerEvent(UUID.randomUUID(), Instant.now(), "mallory", Origin.CONSOLE, previous, Hash.ZERO,
                    payload, seal);
        }

        private static LedgerEvent hashed(LedgerEvent draft) {
            return draft.withHash(LedgerHashing.draftHash(EventCodec.LEDGER.encode(draft)));
        }

        private static LedgerEvent signed(LedgerEvent draft, ManagerKey key) {
            Hash hash = LedgerHashing.draftHash(EventCodec.LEDGER.encode(draft));
            return draft.withHash(hash).withSeal(key.seal(hash));
        }
    }
}
