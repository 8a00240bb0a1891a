package io.ecledger.bench;

import io.ecledger.ledger.broker.EmbeddedKafka;
import io.ecledger.ledger.codec.EventCodec;
import io.ecledger.ledger.command.Origin;
import io.ecledger.ledger.command.Target;
import io.ecledger.ledger.event.CommandIssued;
import io.ecledger.ledger.event.LedgerEvent;
import io.ecledger.ledger.kafka.ClientProperties;
import io.ecledger.ledger.sign.CurrentManagerKey;
import io.ecledger.ledger.sign.ManagerKey;
import io.ecledger.ledger.sign.ManagerKeys;
import io.ecledger.ledger.kafka.Ledger;
import io.ecledger.ledger.kafka.LedgerEntry;
import io.ecledger.ledger.kafka.PartitionScan;
import io.ecledger.ledger.kafka.SkippedRecords;
import io.ecledger.ledger.kafka.TopicLayout;
import io.ecledger.ledger.kafka.TopicSettings;
import io.ecledger.ledger.kafka.Topics;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How fast the ledger appends, replays and verifies, as ratios against raw Kafka doing the same
 * with records of the same size on the same in-process broker in the same run.
 */
public final class LedgerBench {

    private static final int SYNC = 3_000;
    private static final int ASYNC = 50_000;
    private static final int ROUNDS = 3;
    private static final int SIGNED = 20_000;
    private static final double REPLAY_GOAL = 0.5;
    private static final double VERIFY_GOAL = 0.8;

    private LedgerBench() {}

    public static void main(String[] args) throws Exception {
        BenchRun.inTemporaryDirectory(LedgerBench::run);
    }

    private static void run(Path data) throws Exception {
        long t0 = System.nanoTime();
        EmbeddedKafka broker = EmbeddedKafka.at(data.resolve("kafka")).start();
        double firstStart = BenchRun.seconds(t0);
        broker.stop();
        t0 = System.nanoTime();
        broker = EmbeddedKafka.at(data.resolve("kafka")).start();
        double restart = BenchRun.seconds(t0);
        try {
            String servers = broker.bootstrapServers();
            System.out.printf("ecledger ledger benchmark — in-process Kafka broker, %d cores, Java %s%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
            System.out.printf("embedded broker: format + first start %.2f s, restart on the same data %.2f s%n%n",
                    firstStart, restart);

            byte[] sample = EventCodec.LEDGER.encode(sampleEvent());
            System.out.printf("record size: %d bytes (one broadcast to 3 nodes, single-object Avro)%n%n", sample.length);

            // round 0 warms up the JIT and the broker; rounds 1..ROUNDS alternate raw and ledger so
            // neither side gets the quiet moments of the machine; the median of the rounds is printed
            double[][] results = new double[12][ROUNDS];
            for (int round = 0; round <= ROUNDS; round++) {
                String raw = "raw-" + round;
                TopicLayout layout = new TopicLayout("bench-" + round);
                try (Admin admin = Admin.create(adminProps(servers))) {
                    new Topics(admin, layout, TopicSettings.singleBroker()).ensure();
                    admin.createTopics(List.of(new NewTopic(raw, 1, (short) 1))).all().get();
                }
                double[] r = new double[12];
                try (Ledger ledger = Ledger.open(servers, layout, new SkippedRecords())) {
                    r[0] = rawSync(servers, raw, sample, SYNC);
                    r[1] = ledgerSync(ledger, SYNC);
                    r[2] = rawAsync(servers, raw, sample, ASYNC);
                    r[3] = ledgerAsync(ledger, ASYNC);
                    r[4] = rawRead(servers, raw, SYNC + ASYNC);
                    long t = System.nanoTime();
                    long[] count = new long[1];
                    ledger.replay(e -> count[0]++);
                    r[5] = count[0] / BenchRun.seconds(t);
                    t = System.nanoTime();
                    r[6] = ledger.verify().verifiedEvents() / BenchRun.seconds(t);
                    r[7] = plainSha256(readValues(servers, layout.ledger()));
                }
                signedVerify(servers, new TopicLayout("bench-signed-" + round), r);
                if (round > 0) {
                    for (int i = 0; i < r.length; i++) {
                        results[i][round - 1] = r[i];
                    }
                }
            }
            double rawSync = BenchRun.median(results[0]);
            double sync = BenchRun.median(results[1]);
            double rawAsync = BenchRun.median(results[2]);
            double async = BenchRun.median(results[3]);
            double rawRead = BenchRun.median(results[4]);
            double replay = BenchRun.median(results[5]);
            double verify = BenchRun.median(results[6]);

            System.out.printf("median of %d rounds; %,d waited and %,d pipelined appends per round%n%n", ROUNDS, SYNC, ASYNC);
            double plainSha = BenchRun.median(results[7]);
            // reading the records and hashing them, one after the other: the floor verify cannot go below
            double readAndHash = 1 / (1 / rawRead + 1 / plainSha);
            double signedVerify = BenchRun.median(results[8]);
            double signedUnchecked = BenchRun.median(results[9]);
            // the signed rows' floor: the same read and hash of the signed ledger itself, record for record
            double signedReadAndHash = 1 / (1 / BenchRun.median(results[10]) + 1 / BenchRun.median(results[11]));
            System.out.printf("%-50s %12s %12s %8s %6s%n", "operation (events/s)", "ecledger", "raw floor", "ratio", "goal");
            row("append, waiting for each (acks=all)", sync, rawSync, 0);
            row("append, pipelined (acks=all, idempotent)", async, rawAsync, 0);
            row("replay from offset 0 (decode every event)", replay, rawRead, REPLAY_GOAL);
            row("verify the hash chain from offset 0", verify, readAndHash, VERIFY_GOAL);
            row("verify, signed ledger, chain only", signedUnchecked, signedReadAndHash, VERIFY_GOAL);
            row("verify, signed ledger, each Ed25519 signature too", signedVerify, signedReadAndHash, 0);
            System.out.println();
            System.out.printf("floors: raw read %,.0f r/s (a plain KafkaConsumer); plain chained SHA-256 of the same bytes "
                    + "%,.0f r/s; read + SHA-256 %,.0f r/s%n", rawRead, plainSha, readAndHash);
            System.out.printf("signed rows: a ledger of %,d signed events per round, floor its own raw read %,.0f r/s + "
                    + "SHA-256 %,.0f r/s = %,.0f r/s; the Ed25519 check costs %.1f µs an event%n", SIGNED,
                    BenchRun.median(results[10]), BenchRun.median(results[11]), signedReadAndHash,
                    1e6 / signedVerify - 1e6 / signedUnchecked);
            System.out.println("One broker: acks=all means in the broker's page cache, not fsynced.");
            ResultTable.report(List.of(
                    ResultTable.Row.rate("replay from offset 0 (decode every event) vs raw read", "ev/s", replay, rawRead,
                            REPLAY_GOAL),
                    ResultTable.Row.rate("verify the hash chain vs raw read + SHA-256", "ev/s", verify, readAndHash,
                            VERIFY_GOAL),
                    ResultTable.Row.rate("verify, signed ledger, chain only vs raw read + SHA-256", "ev/s",
                            signedUnchecked, signedReadAndHash, VERIFY_GOAL)));
        } finally {
            broker.stop();
        }
    }

    private static void row(String what, double ledger, double raw, double goal) {
        String target = goal <= 0 ? "" : String.format("%.1fx", goal);
        String verdict = goal <= 0 ? "" : ledger / raw >= goal ? " met" : " MISSED";
        System.out.printf("%-50s %,12.0f %,12.0f %7.2fx %6s%s%n", what, ledger, raw, ledger / raw, target, verdict);
    }

    /**
     * Verify over a ledger of signed events: the chain alone, and each signature checked too (r[8], r[9]); and their
     * floor, a raw read of the same topic (r[10]) and SHA-256 chained over its values (r[11]).
     */
    private static void signedVerify(String servers, TopicLayout layout, double[] r) throws Exception {
        try (Admin admin = Admin.create(adminProps(servers))) {
            new Topics(admin, layout, TopicSettings.singleBroker()).ensure();
        }
        ManagerKey key = ManagerKey.generate();
        try (Ledger ledger = Ledger.open(servers, layout, new SkippedRecords(),
                new CurrentManagerKey(key, OptionalLong.empty()))) {
            List<CompletableFuture<LedgerEntry>> pending = new ArrayList<>(SIGNED);
            for (int i = 0; i < SIGNED; i++) {
                pending.add(ledger.appendAsync("bench", Origin.CONSOLE, command(i)));
            }
            pending.forEach(CompletableFuture::join);
            List<byte[]> values = readValues(servers, layout.ledger());
            r[10] = rawRead(servers, layout.ledger(), values.size());
            r[11] = plainSha256(values);
            long t = System.nanoTime();
            long checked = ledger.verify(null, Optional.of(new ManagerKeys(key.publicKey()))).verifiedEvents();
            r[8] = checked / BenchRun.seconds(t);
            t = System.nanoTime();
            r[9] = ledger.verify().verifiedEvents() / BenchRun.seconds(t);
            if (checked < SIGNED) {
                throw new IllegalStateException("verified " + checked + " signed events, expected " + SIGNED);
            }
        }
    }

    private static double ledgerSync(Ledger ledger, int n) {
        long t = System.nanoTime();
        for (int i = 0; i < n; i++) {
            ledger.append("bench", Origin.CONSOLE, command(i));
        }
        return n / BenchRun.seconds(t);
    }

    private static double ledgerAsync(Ledger ledger, int n) {
        long t = System.nanoTime();
        List<CompletableFuture<LedgerEntry>> pending = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            pending.add(ledger.appendAsync("bench", Origin.CONSOLE, command(i)));
        }
        pending.forEach(CompletableFuture::join);
        return n / BenchRun.seconds(t);
    }

    private static double rawSync(String servers, String topic, byte[] value, int n) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps(servers))) {
            long t = System.nanoTime();
            for (int i = 0; i < n; i++) {
                producer.send(new ProducerRecord<>(topic, 0, null, value)).get();
            }
            return n / BenchRun.seconds(t);
        }
    }

    private static double rawAsync(String servers, String topic, byte[] value, int n) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps(servers))) {
            long t = System.nanoTime();
            List<Future<RecordMetadata>> pending = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                pending.add(producer.send(new ProducerRecord<>(topic, 0, null, value)));
            }
            for (Future<RecordMetadata> f : pending) {
                f.get();
            }
            return n / BenchRun.seconds(t);
        }
    }

    // the floor: a plain KafkaConsumer poll loop on purpose, not PartitionScan, so the ratio shows what ours costs. The
    // clock starts before the consumer is made and stops after it is closed, as a replay or verify makes and closes its
    // own; with the ledger reader's settings, as a close waits out the fetch in flight (fetch.max.wait.ms)
    private static double rawRead(String servers, String topic, int n) {
        long t = System.nanoTime();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(ClientProperties.scanReader(servers, "bench-raw"))) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long read = 0;
            while (read < n) {
                read += consumer.poll(Duration.ofMillis(200)).count();
            }
        }
        // closed inside the clock too, as the ledger's scan closes its consumer before it returns
        return n / BenchRun.seconds(t);
    }

    /** Every record value of a topic's partition 0, read before the clock starts, to hash without Kafka or Avro in the way. */
    private static List<byte[]> readValues(String servers, String topic) {
        PartitionScan scan = new PartitionScan(() -> new KafkaConsumer<>(ClientProperties.scanReader(servers, "bench-values")),
                Duration.ofSeconds(30));
        List<byte[]> values = new ArrayList<>();
        scan.scan(new TopicPartition(topic, 0), 0, (records, range) -> {
            records.forEach(record -> values.add(record.value()));
            return true;
        });
        return values;
    }

    /** SHA-256 over each value, chained as the ledger chains its events: the floor for verify. */
    private static double plainSha256(List<byte[]> values) throws Exception {
        java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
        byte[] previous = new byte[32];
        long t = System.nanoTime();
        for (byte[] value : values) {
            digest.update(previous);
            previous = digest.digest(value);
        }
        return values.size() / BenchRun.seconds(t);
    }

    /** The same producer settings the ledger uses, so the baseline differs only by what the ledger adds. */
    private static Properties producerProps(String servers) {
        return ClientProperties.ledgerProducer(servers, "bench-raw");
    }

    private static Properties adminProps(String servers) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        return props;
    }

    private static CommandIssued command(int i) {
        return CommandIssued.of(new Target.Broadcast(), "sieve:sieve1 flush cache " + i,
                List.of("rh52bare", "rh52mgr", "rh52bar2"), Instant.now().plusSeconds(30));
    }

    private static LedgerEvent sampleEvent() {
        return new LedgerEvent(java.util.UUID.randomUUID(), Clock.systemUTC().instant(), "bench", Origin.CONSOLE,
                io.ecledger.ledger.event.Hash.ZERO, io.ecledger.ledger.event.Hash.ZERO, command(0));
    }
}
