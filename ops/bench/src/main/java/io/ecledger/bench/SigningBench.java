package io.ecledger.bench;

import io.ecledger.ledger.broker.EmbeddedKafka;
import io.ecledger.ledger.codec.EventCodec;
import io.ecledger.ledger.codec.HashedEvent;
import io.ecledger.ledger.codec.UndecodableRecordException;
import io.ecledger.ledger.command.Origin;
import io.ecledger.ledger.command.Target;
import io.ecledger.ledger.event.CommandIssued;
import io.ecledger.ledger.event.Hash;
import io.ecledger.ledger.event.LedgerEvent;
import io.ecledger.ledger.event.NodeIdentity;
import io.ecledger.ledger.event.NodeResponse;
import io.ecledger.ledger.kafka.ClientProperties;
import io.ecledger.ledger.kafka.KafkaClientOverrides;
import io.ecledger.ledger.kafka.Ledger;
import io.ecledger.ledger.kafka.SkippedRecords;
import io.ecledger.ledger.kafka.TopicLayout;
import io.ecledger.ledger.kafka.TopicSettings;
import io.ecledger.ledger.kafka.Topics;
import io.ecledger.ledger.sign.CurrentManagerKey;
import io.ecledger.ledger.sign.ManagerKey;
import io.ecledger.ledger.sign.ManagerKeys;
import io.ecledger.ledger.sign.Signer;
import io.ecledger.node.agent.AgentSettings;
import io.ecledger.node.agent.NodeAgent;
import io.ecledger.node.executor.SimulatedNode;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * What signing ledger events and verifying them on the nodes costs: the manager's waited-for append with its key
 * against the same transactional ledger sealing nothing, and a broadcast round trip to 50 in-process node agents,
 * with the raw floors (Kafka, JDK Ed25519) measured in the same run.
 */
public final class SigningBench {

    private static final int APPENDS = 1_000;
    private static final int CRYPTO_OPS = 2_000;
    private static final int NODES = 50;
    private static final int TRIPS = 12;
    private static final int ROUNDS = 3;
    private static final String COMMAND = "sieve:sieve1 flush cache";

    private SigningBench() {}

    public static void main(String[] args) throws Exception {
        BenchRun.inTemporaryDirectory(SigningBench::run);
    }

    private static void run(Path data) throws Exception {
        EmbeddedKafka broker = EmbeddedKafka.at(data.resolve("kafka")).start();
        try {
            String servers = broker.bootstrapServers();
            int cores = Runtime.getRuntime().availableProcessors();
            System.out.printf("ecledger signing benchmark — in-process Kafka broker, %d cores, Java %s%n%n",
                    cores, System.getProperty("java.version"));
            appends(servers);
            System.out.println();
            roundTrips(servers, cores);
            System.out.println();
            System.out.println("One broker: acks=all means in the broker's page cache, not fsynced.");
        } finally {
            broker.stop();
        }
    }

    // ---- 1. the waited-for append -------------------------------------------------------------------------------

    private static void appends(String servers) throws Exception {
        CurrentManagerKey key = new CurrentManagerKey(ManagerKey.generate(), OptionalLong.empty());
        byte[] signedSample = sampleRecord(key);
        byte[] unsignedSample = sampleRecord(new NoSeal());
        System.out.printf("record size: %d bytes signed, %d unsigned (one broadcast to 3 nodes); the raw rows send %d%n",
                signedSample.length, unsignedSample.length, signedSample.length);

        // rows: 0 raw send().get(), 1 raw transaction, 2 unsigned ledger, 3 signed ledger (µs per op),
        // 4 sign, 5 sign with a kept Signature, 6 verify, 7 ManagerKey.seal, 8 verify with a kept Signature (µs per op),
        // 9 unsigned and 10 signed ledger: the median single append, 11 the control's, 12 and 13 the 90th percentiles
        double[][] results = new double[14][ROUNDS];
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        for (int round = 0; round <= ROUNDS; round++) {
            String raw = "sign-raw-" + round;
            TopicLayout signedLayout = new TopicLayout("sign-s-" + round);
            TopicLayout unsignedLayout = new TopicLayout("sign-u-" + round);
            TopicLayout controlLayout = new TopicLayout("sign-c-" + round);
            try (Admin admin = Admin.create(adminProps(servers))) {
                new Topics(admin, signedLayout, TopicSettings.singleBroker()).ensure();
                new Topics(admin, unsignedLayout, TopicSettings.singleBroker()).ensure();
                new Topics(admin, controlLayout, TopicSettings.singleBroker()).ensure();
                admin.createTopics(List.of(new NewTopic(raw, 1, (short) 1))).all().get();
            }
            double[] r = new double[14];
            try (Ledger signed = Ledger.openManager(servers, KafkaClientOverrides.none(), signedLayout,
                         new SkippedRecords(), key);
                 Ledger unsigned = Ledger.openManager(servers, KafkaClientOverrides.none(), unsignedLayout,
                         new SkippedRecords(), new NoSeal());
                 Ledger control = Ledger.openManager(servers, KafkaClientOverrides.none(), controlLayout,
                         new SkippedRecords(), new NoSeal())) {
                signed.takeOver();
                unsigned.takeOver();
                control.takeOver();
                r[0] = rawSync(servers, raw, signedSample, APPENDS);
                r[1] = rawTransactions(servers, raw, signedSample, APPENDS, round);
                // append by append, rotating which side goes first, so all meet the same broker moments: a
                // transactional ledger appended back to back also meets its own commit markers still being written.
                // The third side is a control: an unsigned ledger after a signature made outside it, to tell the
                // signature's CPU from anything else signing changes (record size, the key named in the hash)
                long[][] took = new long[3][APPENDS];
                Ledger[] sides = {unsigned, signed, control};
                for (int i = 0; i < APPENDS; i++) {
                    for (int k = 0; k < 3; k++) {
                        int side = (i + k) % 3;
                        took[side][i] = timedAppend(sides[side], i, side == 2 ? key : null);
                    }
                }
                r[2] = mean(took[0]);
                r[3] = mean(took[1]);
                r[9] = medianOf(took[0]);
                r[10] = medianOf(took[1]);
                r[11] = medianOf(took[2]);
                r[12] = percentile(took[0], 0.9);
                r[13] = percentile(took[1], 0.9);
            }
            r[4] = signFresh(pair, CRYPTO_OPS);
            r[5] = signKept(pair, CRYPTO_OPS);
            r[6] = verifyFresh(pair, CRYPTO_OPS);
            r[7] = seal(key, CRYPTO_OPS);
            r[8] = verifyKept(pair, CRYPTO_OPS);
            if (round > 0) {
                for (int i = 0; i < r.length; i++) {
                    results[i][round - 1] = r[i];
                }
            }
        }
        double[] m = new double[results.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = BenchRun.median(results[i]);
        }
        System.out.printf("waited-for appends: median of %d rounds of %,d per side, the three ledgers taking turns append by "
                + "append, after a warm-up round%n%n", ROUNDS, APPENDS);
        System.out.printf("%-64s %10s %10s%n", "operation", "µs / op", "ops/s");
        usRow("raw Kafka send().get(), acks=all, not transactional", m[0]);
        usRow("raw Kafka transaction: begin, send, commit", m[1]);
        usRow("ledger append, transactional, unsigned (NoSeal): mean", m[2]);
        usRow("ledger append, transactional, signed (manager key): mean", m[3]);
        usRow("ledger append, transactional, unsigned (NoSeal): median", m[9]);
        usRow("ledger append, transactional, signed (manager key): median", m[10]);
        usRow("  control: a seal outside the ledger, then an unsigned append: median", m[11]);
        usRow("ledger append, transactional, unsigned (NoSeal): 90th pct", m[12]);
        usRow("ledger append, transactional, signed (manager key): 90th pct", m[13]);
        usRow("JDK Ed25519 sign 32 B, getInstance+initSign each", m[4]);
        usRow("JDK Ed25519 sign 32 B, one Signature kept", m[5]);
        usRow("JDK Ed25519 verify 32 B, getInstance+initVerify each", m[6]);
        usRow("JDK Ed25519 verify 32 B, one Signature kept", m[8]);
        usRow("ManagerKey.seal(hash), as the ledger calls it", m[7]);
        System.out.printf("rounds (µs / append): unsigned %s, signed %s%n", rounds(results[2]), rounds(results[3]));
        System.out.println();
        System.out.printf("signed append ÷ unsigned append: mean %.3fx (%s), median %.3fx (%s), budget 1.10x; "
                + "ManagerKey.seal is %.0f%% of a signed append%n", m[3] / m[2], m[3] / m[2] <= 1.10 ? "under" : "OVER",
                m[10] / m[9], m[10] / m[9] <= 1.10 ? "under" : "OVER", 100 * m[7] / m[10]);
    }

    private static void usRow(String what, double micros) {
        System.out.printf("%-64s %,10.1f %,10.0f%n", what, micros, 1e6 / micros);
    }

    /** One waited-for append, after a signature by {@code alsoSeal} when there is one: its nanoseconds. */
    private static long timedAppend(Ledger ledger, int i, Signer alsoSeal) {
        CommandIssued command = command(COMMAND + " " + i, List.of("rh52bare", "rh52mgr", "rh52bar2"));
        byte[] hash = new byte[Hash.LENGTH];
        hash[0] = (byte) i;
        long t = System.nanoTime();
        if (alsoSeal != null) {
            alsoSeal.seal(Hash.of(hash));
        }
        ledger.append("bench", Origin.CONSOLE, command);
        return System.nanoTime() - t;
    }

    private static double percentile(long[] nanos, double p) {
        long[] sorted = nanos.clone();
        java.util.Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e3;
    }

    private static double mean(long[] nanos) {
        return java.util.Arrays.stream(nanos).average().orElseThrow() / 1e3;
    }

    private static double medianOf(long[] nanos) {
        return BenchRun.median(java.util.Arrays.stream(nanos).asDoubleStream().toArray()) / 1e3;
    }

    private static double rawSync(String servers, String topic, byte[] value, int n) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                ClientProperties.ledgerProducer(servers, "bench-raw"))) {
            long t = System.nanoTime();
            for (int i = 0; i < n; i++) {
                producer.send(new ProducerRecord<>(topic, 0, null, value)).get();
            }
            return micros(t, n);
        }
    }

    /** What the manager's ledger does per append with Kafka, without the ledger: one transaction per record. */
    private static double rawTransactions(String servers, String topic, byte[] value, int n, int round) throws Exception {
        Properties props = ClientProperties.ledgerProducer(servers, "bench-raw-tx");
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "bench-raw-tx-" + round);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            producer.initTransactions();
            long t = System.nanoTime();
            for (int i = 0; i < n; i++) {
                producer.beginTransaction();
                Future<?> sent = producer.send(new ProducerRecord<>(topic, 0, null, value));
                producer.commitTransaction();
                sent.get();
            }
            return micros(t, n);
        }
    }

    private static double signFresh(KeyPair pair, int n) throws Exception {
        byte[] message = new byte[Hash.LENGTH];
        long t = System.nanoTime();
        for (int i = 0; i < n; i++) {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(pair.getPrivate());
            message[0] = (byte) i;
            signature.update(message);
            signature.sign();
        }
        return micros(t, n);
    }

    private static double signKept(KeyPair pair, int n) throws Exception {
        byte[] message = new byte[Hash.LENGTH];
        Signature signature = Signature.getInstance("Ed25519");
        signature.initSign(pair.getPrivate());
        long t = System.nanoTime();
        for (int i = 0; i < n; i++) {
            message[0] = (byte) i;
            // sign() resets the Signature to the state after initSign, ready for the next message
            signature.update(message);
            signature.sign();
        }
        return micros(t, n);
    }

    private static double verifyFresh(KeyPair pair, int n) throws Exception {
        byte[] message = new byte[Hash.LENGTH];
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(pair.getPrivate());
        signer.update(message);
        byte[] signed = signer.sign();
        long t = System.nanoTime();
        for (int i = 0; i < n; i++) {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(pair.getPublic());
            verifier.update(message);
            if (!verifier.verify(signed)) {
                throw new AssertionError("a JDK Ed25519 signature did not verify");
            }
        }
        return micros(t, n);
    }

    private static double verifyKept(KeyPair pair, int n) throws Exception {
        byte[] message = new byte[Hash.LENGTH];
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(pair.getPrivate());
        signer.update(message);
        byte[] signed = signer.sign();
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(pair.getPublic());
        long t = System.nanoTime();
        for (int i = 0; i < n; i++) {
            verifier.update(message);
            if (!verifier.verify(signed)) {
                throw new AssertionError("a JDK Ed25519 signature did not verify");
            }
        }
        return micros(t, n);
    }

    private static String rounds(double[] values) {
        return java.util.Arrays.stream(values).mapToObj(v -> String.format("%,.0f", v))
                .collect(java.util.stream.Collectors.joining(" / "));
    }

    private static double seal(Signer key, int n) {
        byte[] bytes = new byte[Hash.LENGTH];
        long t = System.nanoTime();
        for (int i = 0; i < n; i++) {
            bytes[0] = (byte) i;
            key.seal(Hash.of(bytes));
        }
        return micros(t, n);
    }

    // ---- 2. the broadcast round trip ----------------------------------------------------------------------------

    private static void roundTrips(String servers, int cores) throws Exception {
        TopicLayout layout = new TopicLayout("sign-rt");
        List<TopicPartition> responsePartitions;
        try (Admin admin = Admin.create(adminProps(servers))) {
            new Topics(admin, layout, TopicSettings.singleBroker()).ensure();
            int partitions = admin.describeTopics(List.of(layout.responses())).allTopicNames().get()
                    .get(layout.responses()).partitions().size();
            responsePartitions = IntStream.range(0, partitions)
                    .mapToObj(p -> new TopicPartition(layout.responses(), p)).toList();
        }
        ManagerKey managerKey = ManagerKey.generate();
        CurrentManagerKey key = new CurrentManagerKey(managerKey, OptionalLong.empty());
        long started = System.nanoTime();
        Fleet fleet = Fleet.start(servers, layout, managerKey.publicKey(), "bench", NODES);
        List<String> nodes = fleet.nodes();
        List<NodeAgent> agents = fleet.agents();
        // the unsigned ledger writes the same topic under another transactional id, so neither fences the other;
        // each chains onto its own events, and the agents keep following the signed ones
        Properties unsignedProps = ClientProperties.managerProducer(servers, "bench-unsigned",
                layout.prefix() + ".bench-unsigned", KafkaClientOverrides.none());
        try (Ledger signed = Ledger.openManager(servers, KafkaClientOverrides.none(), layout, new SkippedRecords(), key);
             Ledger unsigned = Ledger.transactional(new KafkaProducer<>(unsignedProps),
                     () -> new KafkaConsumer<>(ClientProperties.scanReader(servers, "bench-unsigned-reader")), layout,
                     Clock.systemUTC(), new SkippedRecords(), Duration.ofSeconds(30), new NoSeal());
             Responses responses = new Responses(servers, responsePartitions)) {
            // the signed ledger appends first, so it chains onto the empty ledger as the agents expect
            double first = trip(signed, responses, nodes, Duration.ofMinutes(5));
            System.out.printf("broadcast round trip to %d node agents in this JVM (simulated executors): agents started "
                    + "and first answer in %.1f s%n", NODES, BenchRun.seconds(started));
            double[][] results = new double[2][ROUNDS];
            for (int round = 0; round <= ROUNDS; round++) {
                double[] signedTrips = new double[TRIPS];
                double[] unsignedTrips = new double[TRIPS];
                for (int i = 0; i < TRIPS; i++) {
                    // alternate which side goes first, trip by trip
                    if (i % 2 == 0) {
                        signedTrips[i] = trip(signed, responses, nodes, Duration.ofMinutes(1));
                        unsignedTrips[i] = trip(unsigned, responses, nodes, Duration.ofMinutes(1));
                    } else {
                        unsignedTrips[i] = trip(unsigned, responses, nodes, Duration.ofMinutes(1));
                        signedTrips[i] = trip(signed, responses, nodes, Duration.ofMinutes(1));
                    }
                }
                if (round > 0) {
                    results[0][round - 1] = BenchRun.median(signedTrips);
                    results[1][round - 1] = BenchRun.median(unsignedTrips);
                }
            }
            double signedTrip = BenchRun.median(results[0]);
            double rejectedTrip = BenchRun.median(results[1]);
            long rejected = agents.stream().mapToLong(NodeAgent::rejected).sum();
            if (rejected != (long) NODES * TRIPS * (ROUNDS + 1)) {
                throw new AssertionError("the agents rejected " + rejected + " commands, expected every unsigned one: "
                        + (long) NODES * TRIPS * (ROUNDS + 1));
            }

            // what one agent does with one record, in isolation, on the records the run wrote
            LedgerEvent[] last = new LedgerEvent[2];
            signed.read(0, entry -> last[entry.event().seal().isSigned() ? 0 : 1] = entry.event());
            byte[] signedRecord = EventCodec.LEDGER.encode(last[0]);
            byte[] unsignedRecord = EventCodec.LEDGER.encode(last[1]);
            ManagerKeys keys = new ManagerKeys(managerKey.publicKey());
            SimulatedNode executor = SimulatedNode.of("bench00", "bench");
            double[][] iso = new double[5][ROUNDS];
            for (int round = 0; round <= ROUNDS; round++) {
                double[] r = {
                    perOp(CRYPTO_OPS, () -> HashedEvent.of(signedRecord)),
                    perOp(CRYPTO_OPS, () -> verified(keys, HashedEvent.of(signedRecord), true)),
                    perOp(CRYPTO_OPS, () -> verified(keys, HashedEvent.of(unsignedRecord), false)),
                    perOp(CRYPTO_OPS, () -> executor.run(COMMAND)),
                    seal(key, CRYPTO_OPS),
                };
                if (round > 0) {
                    for (int i = 0; i < r.length; i++) {
                        iso[i][round - 1] = r[i];
                    }
                }
            }
            double decode = BenchRun.median(iso[0]);
            double screenSigned = BenchRun.median(iso[1]);
            double screenUnsigned = BenchRun.median(iso[2]);
            double execute = BenchRun.median(iso[3]);
            double sealing = BenchRun.median(iso[4]);
            double verify = screenSigned - screenUnsigned;

            System.out.printf("median of %d rounds of %d round trips per side, after a warm-up round (first trip %.0f ms)%n%n",
                    ROUNDS, TRIPS, first);
            System.out.printf("%-70s %10s%n", "broadcast, clock stops at the 50th response on the topic", "ms");
            System.out.printf("%-70s %,10.1f%n", "measured: signed ledger, agents verify and run it", signedTrip);
            System.out.printf("%-70s %,10.1f%n", "measured: unsigned ledger, agents refuse it (REJECTED, executor not run)",
                    rejectedTrip);
            System.out.printf("rounds (ms): signed %s, REJECTED %s%n", rounds(results[0]), rounds(results[1]));
            System.out.println();
            System.out.printf("%-70s %10s%n", "one agent, one record, in isolation", "µs");
            System.out.printf("%-70s %,10.1f%n", "decode + SHA-256 (HashedEvent.of), both sides", decode);
            System.out.printf("%-70s %,10.1f%n", "decode + signature check, signed record (ManagerKeys.verify)", screenSigned);
            System.out.printf("%-70s %,10.1f%n", "decode + signature check, unsigned record (refused, no crypto)", screenUnsigned);
            System.out.printf("%-70s %,10.1f%n", "  the Ed25519 verification (difference)", verify);
            System.out.printf("%-70s %,10.1f%n", "simulated executor runs '" + COMMAND + "'", execute);
            System.out.printf("%-70s %,10.1f%n", "manager: ManagerKey.seal(hash)", sealing);
            System.out.println();
            double serial = (sealing + NODES * verify / cores) / 1000;
            double parallel = (sealing + verify) / 1000;
            System.out.printf("%-70s %10s %8s%n", "signed round trip ÷ floor", "floor ms", "ratio");
            ratioRow("measured floor: the REJECTED round trip (no crypto, no executor)", signedTrip, rejectedTrip);
            ratioRow(String.format("derived: minus seal + %d verifications on %d cores (%.2f ms)", NODES, cores, serial),
                    signedTrip, signedTrip - serial);
            ratioRow(String.format("derived: minus seal + 1 verification, 50 machines (%.2f ms)", parallel),
                    signedTrip, signedTrip - parallel);
            System.out.println("budget 1.10x. The REJECTED floor also skips the executor and its answer, so it is the"
                    + " lowest floor; the derived rows are estimates, not measurements.");
        } finally {
            fleet.close();
        }
    }

    private static void ratioRow(String what, double trip, double floor) {
        System.out.printf("%-70s %,10.1f %7.3fx %s%n", what, floor, trip / floor, trip / floor <= 1.10 ? "under" : "OVER");
    }

    private static void verified(ManagerKeys keys, HashedEvent hashed, boolean expected) {
        if (keys.verify(hashed).verified() != expected) {
            throw new AssertionError("the signature check did not say " + expected + " for " + hashed.event());
        }
    }

    /** Appends a broadcast to {@code nodes} and waits for all their responses; the milliseconds it took. */
    private static double trip(Ledger ledger, Responses responses, List<String> nodes, Duration timeout)
            throws java.util.concurrent.TimeoutException {
        CommandIssued command = command(COMMAND, nodes);
        long t = System.nanoTime();
        ledger.append("bench", Origin.CONSOLE, command);
        responses.awaitAll(command.commandId(), nodes.size(), t + timeout.toNanos());
        return (System.nanoTime() - t) / 1e6;
    }

    // ---- shared -------------------------------------------------------------------------------------------------

    /** A step timed in a loop. */
    private interface Step {
        void run() throws Exception;
    }

    private static double perOp(int n, Step step) throws Exception {
        long t = System.nanoTime();
        for (int i = 0; i < n; i++) {
            step.run();
        }
        return micros(t, n);
    }

    private static double micros(long since, int n) {
        return (System.nanoTime() - since) / 1e3 / n;
    }

    /** A record as the ledger would write it with {@code signer}, to size the raw rows. */
    private static byte[] sampleRecord(Signer signer) {
        LedgerEvent draft = new LedgerEvent(UUID.randomUUID(), Clock.systemUTC().instant(), "bench", Origin.CONSOLE,
                Hash.ZERO, Hash.ZERO, command(COMMAND + " 0", List.of("rh52bare", "rh52mgr", "rh52bar2")), signer.pending());
        Hash hash = io.ecledger.ledger.codec.LedgerHashing.draftHash(EventCodec.LEDGER.encode(draft));
        return EventCodec.LEDGER.encode(draft.withHash(hash).withSeal(signer.seal(hash)));
    }

    private static CommandIssued command(String text, List<String> nodes) {
        return CommandIssued.of(new Target.Broadcast(), text, nodes, Instant.now().plusSeconds(60));
    }

    private static Properties adminProps(String servers) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        return props;
    }
}
