package io.ecledger.bench;

import io.ecledger.ledger.kafka.ClientProperties;
import io.ecledger.ledger.kafka.KafkaClientOverrides;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The unicast {@code POST /v1/commands} → 202 of a running manager (ops/bench/run append starts one with the seed's
 * three nodes), p50 against a floor measured in the same run on the same broker: a raw {@code send().get()} of a record
 * of the same size plus the HTTP round trip of the manager's emptiest endpoint ({@code GET /v1/version}).
 * Arguments: REST endpoint, Kafka bootstrap servers, token file, node.
 */
public final class AppendBench {

    private static final int WARM = 300;
    private static final int PER_ROUND = 300;
    private static final int ROUNDS = 3;
    private static final double GOAL = 3.0;

    private AppendBench() {}

    public static void main(String[] args) throws Exception {
        String endpoint = args[0];
        String servers = args[1];
        String token = Files.readString(Path.of(args[2]), StandardCharsets.UTF_8).trim();
        String node = args[3];
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest post = HttpRequest.newBuilder(URI.create(endpoint + "/v1/commands"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"target\":{\"node\":\"" + node + "\"},\"command\":\"sieve:bench flush cache\"}")).build();
        HttpRequest empty = HttpRequest.newBuilder(URI.create(endpoint + "/v1/version"))
                .header("Authorization", "Bearer " + token).GET().build();
        String topic = "bench-append-raw-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        // the ledger's own producer settings (acks=all, idempotent), so the floor is the same durability
        // and what the ledger does per append (a transaction of one record, with the manager producer's settings): not
        // the goal's floor, the row that says how much of the 202 Kafka's transaction takes in this very stack
        try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(ClientProperties.ledgerProducer(servers, "bench-raw"),
                new ByteArraySerializer(), new ByteArraySerializer());
             KafkaProducer<byte[], byte[]> transactional = new KafkaProducer<>(ClientProperties.managerProducer(servers,
                     "bench-raw-tx", "bench-raw-tx-" + UUID.randomUUID(), KafkaClientOverrides.none()),
                     new ByteArraySerializer(), new ByteArraySerializer())) {
            transactional.initTransactions();
            byte[] value = new byte[400];
            System.out.printf("ecledger append benchmark — manager at %s, unicast to %s, %d cores, Java %s%n",
                    endpoint, node, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
            System.out.printf("warming: %d of each before measuring%n", WARM);
            measure(http, post, 202, WARM);
            measure(http, empty, 200, WARM);
            rawSends(raw, topic, value, WARM);
            rawTransactions(transactional, topic, value, WARM);
            double[] ecledger = new double[ROUNDS];
            double[] send = new double[ROUNDS];
            double[] round = new double[ROUNDS];
            double[] transaction = new double[ROUNDS];
            // alternated within each round, so neither side always gets the quiet moments
            for (int r = 0; r < ROUNDS; r++) {
                ecledger[r] = measure(http, post, 202, PER_ROUND);
                send[r] = rawSends(raw, topic, value, PER_ROUND);
                round[r] = measure(http, empty, 200, PER_ROUND);
                transaction[r] = rawTransactions(transactional, topic, value, PER_ROUND);
            }
            double p50 = BenchRun.median(ecledger);
            double floor = BenchRun.median(send) + BenchRun.median(round);
            System.out.printf("%nmedian of %d rounds of %d, each the round's p50, ms%n", ROUNDS, PER_ROUND);
            System.out.printf("%-46s %10s %10s %8s %6s%n", "measure", "ecledger", "floor", "ratio", "goal");
            System.out.printf("%-46s %10.2f %10.2f %7.2fx %5.1fx%n", "unicast POST /v1/commands -> 202, p50", p50,
                    floor, p50 / floor, GOAL);
            System.out.printf("  floor = raw send().get() %.2f ms + GET /v1/version %.2f ms%n", BenchRun.median(send),
                    BenchRun.median(round));
            double inTransaction = BenchRun.median(transaction) + BenchRun.median(round);
            System.out.printf("  context, not the goal: a raw transaction of one record (begin, send, commit) %.2f ms; "
                    + "the 202 is %.2fx that plus the GET%n", BenchRun.median(transaction), p50 / inTransaction);
            ResultTable.report(List.of(ResultTable.Row.latency("unicast POST /v1/commands → 202, p50, vs raw send + empty GET",
                    p50, floor, GOAL)));
        }
    }

    /** The p50 in ms of {@code count} requests, each answered with {@code status} before the next is sent. */
    private static double measure(HttpClient http, HttpRequest request, int status, int count) throws Exception {
        double[] ms = new double[count];
        for (int i = 0; i < count; i++) {
            long t = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            ms[i] = (System.nanoTime() - t) / 1e6;
            if (response.statusCode() != status) {
                throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": " + response.body());
            }
        }
        return p50(ms);
    }

    private static double rawSends(KafkaProducer<byte[], byte[]> raw, String topic, byte[] value, int count)
            throws Exception {
        double[] ms = new double[count];
        for (int i = 0; i < count; i++) {
            long t = System.nanoTime();
            raw.send(new ProducerRecord<>(topic, value)).get();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        return p50(ms);
    }

    private static double rawTransactions(KafkaProducer<byte[], byte[]> producer, String topic, byte[] value, int count)
            throws Exception {
        double[] ms = new double[count];
        for (int i = 0; i < count; i++) {
            long t = System.nanoTime();
            producer.beginTransaction();
            Future<?> sent = producer.send(new ProducerRecord<>(topic, value));
            producer.commitTransaction();
            sent.get();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        return p50(ms);
    }

    private static double p50(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

}
