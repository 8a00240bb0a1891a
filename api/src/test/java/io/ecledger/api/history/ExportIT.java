package io.ecledger.api.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecledger.api.cli.EcledgerMain;
import io.ecledger.api.testing.Cluster;
import io.ecledger.api.testing.SeededCluster;
import io.ecledger.ledger.command.Origin;
import io.ecledger.ledger.command.Target;
import io.ecledger.ledger.event.CommandIssued;
import io.ecledger.ledger.event.NodeStatus;
import io.ecledger.ledger.event.ResultsFlushed;
import io.ecledger.ledger.kafka.ClientProperties;
import io.ecledger.ledger.kafka.Ledger;
import io.ecledger.ledger.kafka.LedgerEntry;
import io.ecledger.ledger.kafka.TopicLayout;
import io.ecledger.ledger.testing.KafkaBroker;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBroker.class)
class ExportIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The answers among a line's responses: an agent also says DELIVERED or RUNNING of a command that waits or runs
     * past 100 ms, which a loaded machine makes of any command now and then.
     */
    private static java.util.stream.Stream<JsonNode> answers(JsonNode line) {
        return java.util.stream.StreamSupport.stream(line.path("responses").spliterator(), false)
                .filter(r -> NodeStatus.valueOf(r.get("status").asText()).isAnswer());
    }

    @Test
    void jsonlAndCsvExportsGiveBackWhatWasAppendedWithTheResponsesAndTheUndecodable(KafkaBroker.Handle broker)
            throws Exception {
        List<LedgerEntry> appended = new ArrayList<>();
        long forged;
        String prefix;
        try (Cluster cluster = SeededCluster.fresh(broker).start()) {
            prefix = cluster.prefix();
            TopicLayout layout = cluster.layout();
            Ledger ledger = cluster.ledger();
            Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
            for (int i = 0; i < 40; i++) {
                Target target = i % 2 == 0 ? new Target.Broadcast() : new Target.Unicast("rh52mgr");
                List<String> expected = i % 2 == 0 ? List.of("rh52bare", "rh52mgr", "rh52bar2") : List.of("rh52mgr");
                appended.add(ledger.appendAsync(i % 3 == 0 ? "alice" : "bob", Origin.REST,
                        CommandIssued.of(target, i % 4 == 1 ? "summary" : "version", expected, deadline)).join());
            }
            try (KafkaProducer<byte[], byte[]> producer =
                    new KafkaProducer<>(ClientProperties.ledgerProducer(broker.bootstrapServers(), "forger"))) {
                forged = producer.send(new ProducerRecord<>(layout.ledger(), "garbage".getBytes(StandardCharsets.UTF_8)))
                        .get().offset();
            }
            appended.add(ledger.appendAsync("carol", Origin.CONSOLE, ResultsFlushed.now()).join());

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(jsonl(broker, prefix, "0", "999").stream()
                    .mapToLong(line -> answers(line).count()).sum()).isEqualTo(20 * 3 + 20));
        }

        List<JsonNode> lines = jsonl(broker, prefix, "0", "999");
        // what the test appended, the forged record, and the manager's policy load at its start
        assertThat(lines).hasSize(appended.size() + 2);
        assertThat(lines.get(0).get("type").asText()).isEqualTo("PolicyLoaded");
        for (LedgerEntry entry : appended) {
            JsonNode line = lines.stream().filter(l -> l.get("offset").asLong() == entry.offset()).findFirst().orElseThrow();
            assertThat(line.get("eventId").asText()).isEqualTo(entry.event().eventId().toString());
            assertThat(line.get("time").asText()).isEqualTo(entry.event().occurredAt().toString());
            assertThat(line.get("actor").asText()).isEqualTo(entry.event().actor());
            assertThat(line.get("prevHash").asText()).isEqualTo(entry.event().prevHash().hex());
            assertThat(line.get("hash").asText()).isEqualTo(entry.event().hash().hex());
            assertThat(line.get("type").asText()).isEqualTo(entry.event().payload().getClass().getSimpleName());
            if (entry.event().payload() instanceof CommandIssued) {
                CommandIssued command = (CommandIssued) entry.event().payload();
                assertThat(line.get("origin").asText()).isEqualTo("rest");
                assertThat(line.at("/payload/commandId").asText()).isEqualTo(command.commandId().toString());
                assertThat(line.at("/payload/commandText").asText()).isEqualTo(command.commandText());
                List<String> answered = answers(line).map(r -> r.get("node").asText() + " " + r.get("status").asText())
                        .toList();
                assertThat(answered).containsExactlyElementsOf(
                        command.expectedNodes().stream().sorted().map(node -> node + " OK").toList());
            }
        }
        assertThat(atOffset(lines, forged).toString()).isEqualTo("{\"offset\":" + forged
                + ",\"undecodable\":true,\"reason\":\"not an Avro single-object record (no C3 01 marker)\"}");
        assertThat(atOffset(lines, forged - 1).get("hash").asText())
                .as("the chain continues past the garbage").isEqualTo(atOffset(lines, forged + 1).get("prevHash").asText());

        List<JsonNode> slice = jsonl(broker, prefix, "5", "9");
        assertThat(slice).extracting(line -> line.get("offset").asLong()).containsExactly(5L, 6L, 7L, 8L, 9L);

        StringWriter csv = new StringWriter();
        assertThat(export(broker, prefix, csv, "--format", "csv")).isZero();
        List<String> rows = csv.toString().lines().toList();
        assertThat(rows.get(0)).isEqualTo(LedgerExport.CSV_HEADER);
        assertThat(rows).hasSize(appended.size() + 3);
        LedgerEntry first = appended.get(0);
        assertThat(rowAt(rows, first.offset())).startsWith(first.offset() + ",\"" + first.event().eventId() + "\",\"" + first.event().occurredAt()
                + "\",\"alice\",\"rest\",\"" + first.event().prevHash().hex() + "\",\"" + first.event().hash().hex()
                + "\",\"CommandIssued\",\"command ");
        assertThat(rowAt(rows, forged)).isEqualTo(forged
                + ",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"not an Avro single-object record (no C3 01 marker)\"");

        StringWriter err = new StringWriter();
        assertThat(EcledgerMain.run(new String[] {"export", "--format", "xml"}, new PrintWriter(new StringWriter()),
                new PrintWriter(err, true))).isEqualTo(2);
        assertThat(err.toString()).contains("--format must be jsonl or csv, not 'xml'");
    }

    private static List<JsonNode> jsonl(KafkaBroker.Handle broker, String prefix, String from, String to) throws Exception {
        StringWriter out = new StringWriter();
        assertThat(export(broker, prefix, out, "--from", from, "--to", to)).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString().lines().toList()) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    private static int export(KafkaBroker.Handle broker, String prefix, StringWriter out, String... args) {
        List<String> all = new ArrayList<>(List.of("export", "--kafka", broker.bootstrapServers(), "--topic-prefix", prefix));
        all.addAll(List.of(args));
        return EcledgerMain.run(all.toArray(new String[0]), new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
    }

    private static JsonNode atOffset(List<JsonNode> lines, long offset) {
        return lines.stream().filter(line -> line.get("offset").asLong() == offset).findFirst().orElseThrow();
    }

    private static String rowAt(List<String> rows, long offset) {
        return rows.stream().filter(row -> row.startsWith(offset + ",")).findFirst().orElseThrow();
    }
}
