package io.ecledger.api.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecledger.ledger.codec.EventCodec;
import io.ecledger.ledger.codec.UndecodableRecordException;
import io.ecledger.ledger.command.Target;
import io.ecledger.ledger.event.BatchReleased;
import io.ecledger.ledger.event.CommandCancelled;
import io.ecledger.ledger.event.CommandDenied;
import io.ecledger.ledger.event.CommandIssued;
import io.ecledger.ledger.event.ConfigChanged;
import io.ecledger.ledger.event.KeyRotated;
import io.ecledger.ledger.event.LedgerEvent;
import io.ecledger.ledger.event.NodeResponse;
import io.ecledger.ledger.event.NodeKeyDecided;
import io.ecledger.ledger.event.Payload;
import io.ecledger.ledger.event.PolicyLoaded;
import io.ecledger.ledger.event.ResultsFlushed;
import io.ecledger.ledger.event.ScopeStep;
import io.ecledger.ledger.kafka.PartitionScan;
import io.ecledger.ledger.kafka.TopicLayout;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code ecledger export}: the ledger in a readable form for archiving, each command with its nodes' responses.
 *
 * <p>JSON lines: one object per ledger record, {@code offset, eventId, time, actor, origin, prevHash, hash, type,
 * payload, responses[]}; a record that does not decode is {@code {offset, undecodable: true, reason}}, and a
 * response that does not decode is {@code {topic, partition, offset, undecodable: true, reason}} after the ledger's
 * records. CSV: a header, then one row per record with the payload and responses as JSON text in their columns.
 *
 * <p>The responses of the range are read first and held in memory, keyed by command id, so each command's line
 * carries them.
 */
public final class LedgerExport {

    /** The output formats. */
    public enum Format { JSONL, CSV }

    /** The CSV header, in column order. */
    public static final String CSV_HEADER =
            "offset,event_id,time,actor,origin,prev_hash,hash,type,summary,payload,responses,undecodable_reason";

    /** Receives progress: records done of the range's total. */
    @FunctionalInterface
    public interface Progress {
        void update(long done, long total);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PartitionScan scan;
    private final TopicLayout layout;

    /** Reads with consumers from {@code readers}, giving up on a partition after {@code readTimeout} without a record. */
    public LedgerExport(Supplier<Consumer<byte[], byte[]>> readers, TopicLayout layout, Duration readTimeout) {
        this.scan = new PartitionScan(readers, readTimeout);
        this.layout = layout;
    }

    /** Writes ledger records {@code from} to {@code to} (inclusive; clipped to what exists); returns how many. */
    public long export(long from, long to, Format format, PrintWriter out, Progress progress) {
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("range " + from + ".." + to + " is empty or negative");
        }
        List<ObjectNode> badResponses = new ArrayList<>();
        Map<UUID, List<NodeResponse>> responses = responses(from, to, badResponses);
        if (format == Format.CSV) {
            out.println(CSV_HEADER);
        }
        TopicPartition ledger = new TopicPartition(layout.ledger(), 0);
        long[] written = {0};
        scan.scan(ledger, from, to == Long.MAX_VALUE ? Long.MAX_VALUE : to + 1, (records, range) -> {
            for (ConsumerRecord<byte[], byte[]> record : records) {
                ObjectNode line = ledgerLine(record, responses);
                out.println(format == Format.CSV ? csv(line) : line.toString());
                written[0]++;
            }
            progress.update(written[0], range.size());
            return true;
        });
        for (ObjectNode bad : badResponses) {
            out.println(format == Format.CSV ? csv(bad) : bad.toString());
        }
        out.flush();
        return written[0];
    }

    private ObjectNode ledgerLine(ConsumerRecord<byte[], byte[]> record, Map<UUID, List<NodeResponse>> responses) {
        ObjectNode line = JSON.createObjectNode();
        line.put("offset", record.offset());
        LedgerEvent event;
        try {
            event = EventCodec.LEDGER.decode(record.value());
        } catch (UndecodableRecordException e) {
            return line.put("undecodable", true).put("reason", e.getMessage());
        }
        line.put("eventId", event.eventId().toString())
                .put("time", event.occurredAt().toString())
                .put("actor", event.actor())
                .put("origin", event.origin().name().toLowerCase(Locale.ROOT))
                .put("prevHash", event.prevHash().hex())
                .put("hash", event.hash().hex())
                .put("type", event.payload().getClass().getSimpleName())
                .put("summary", event.payload().summary());
        line.set("payload", payload(event.payload()));
        ArrayNode answers = line.putArray("responses");
        if (event.payload() instanceof CommandIssued) {
            for (NodeResponse response : responses.getOrDefault(((CommandIssued) event.payload()).commandId(), List.of())) {
                answers.add(response(response));
            }
        }
        return line;
    }

    /** A payload as JSON; every kind of {@link Payload} is mapped. */
    static ObjectNode payload(Payload payload) {
        ObjectNode json = JSON.createObjectNode();
        if (payload instanceof CommandIssued) {
            CommandIssued command = (CommandIssued) payload;
            json.put("commandId", command.commandId().toString());
            json.set("target", target(command.target()));
            json.put("commandText", command.commandText());
            ArrayNode expected = json.putArray("expectedNodes");
            command.expectedNodes().forEach(expected::add);
            json.put("deadline", command.deadline().toString());
            if (command.replayOf().isPresent()) {
                json.put("replayOf", command.replayOf().getAsLong());
            }
            command.deliverBy().ifPresent(deliverBy -> json.put("deliverBy", deliverBy.toString()));
            command.rollout().ifPresent(rollout -> {
                ObjectNode how = json.putObject("rollout").put("batchSize", rollout.batchSize())
                        .put("batchWaitMillis", rollout.batchWait().toMillis()).put("asTyped", rollout.asTyped());
                rollout.maxErrors().ifPresent(max -> how.put("maxErrors", max));
            });
            command.rerunOf().ifPresent(original -> json.put("rerunOf", original.toString()));
            return json;
        }
        if (payload instanceof ResultsFlushed) {
            ((ResultsFlushed) payload).reason().ifPresent(reason -> json.put("reason", reason));
            return json;
        }
        if (payload instanceof KeyRotated) {
            KeyRotated rotated = (KeyRotated) payload;
            json.put("newFingerprint", rotated.newFingerprint());
            json.put("newPublicKey", rotated.newPublicKey());
            return json;
        }
        if (payload instanceof ConfigChanged) {
            ConfigChanged change = (ConfigChanged) payload;
            json.put("action", change.action().name().toLowerCase(Locale.ROOT));
            ArrayNode path = json.putArray("scopePath");
            for (ScopeStep step : change.scopePath()) {
                ObjectNode jsonStep = path.addObject().put("name", step.name());
                step.instance().ifPresent(instance -> jsonStep.put("instance", instance));
            }
            json.put("option", change.option());
            change.value().ifPresent(value -> json.put("value", value));
            return json;
        }
        if (payload instanceof NodeKeyDecided) {
            NodeKeyDecided decided = (NodeKeyDecided) payload;
            json.put("node", decided.node());
            json.put("fingerprint", decided.fingerprint());
            json.put("publicKey", decided.publicKey());
            json.put("decision", decided.decision().name().toLowerCase(Locale.ROOT));
            return json;
        }
        if (payload instanceof CommandDenied) {
            CommandDenied denied = (CommandDenied) payload;
            json.put("line", denied.line());
            json.put("rule", denied.rule());
            json.put("reason", denied.reason());
            return json;
        }
        if (payload instanceof PolicyLoaded) {
            PolicyLoaded policy = (PolicyLoaded) payload;
            json.put("sha256", policy.sha256());
            json.put("source", policy.source());
            json.put("text", policy.text());
            return json;
        }
        if (payload instanceof CommandCancelled) {
            CommandCancelled cancel = (CommandCancelled) payload;
            json.put("commandId", cancel.commandId().toString());
            json.put("reason", cancel.reason());
            return json;
        }
        if (payload instanceof BatchReleased) {
            BatchReleased batch = (BatchReleased) payload;
            json.put("commandId", batch.commandId().toString());
            json.put("commandOffset", batch.commandOffset());
            json.put("batch", batch.batch());
            ArrayNode nodes = json.putArray("nodes");
            batch.nodes().forEach(nodes::add);
            json.put("commandText", batch.commandText());
            json.put("deliverBy", batch.deliverBy().toString());
            json.put("deadline", batch.deadline().toString());
            return json;
        }
        throw new AssertionError("unmapped payload " + payload.getClass());
    }

    private static ObjectNode target(Target target) {
        ObjectNode json = JSON.createObjectNode();
        if (target instanceof Target.Broadcast) {
            return json.put("broadcast", true);
        }
        if (target instanceof Target.Subcluster) {
            return json.put("subcluster", ((Target.Subcluster) target).name());
        }
        if (target instanceof Target.Unicast) {
            return json.put("node", ((Target.Unicast) target).node());
        }
        throw new AssertionError("unmapped target " + target);
    }

    private static ObjectNode response(NodeResponse response) {
        return JSON.createObjectNode()
                .put("node", response.node())
                .put("subcluster", response.subcluster())
                .put("status", response.status().name())
                .put("output", response.output())
                .put("startedAt", response.startedAt().toString())
                .put("finishedAt", response.finishedAt().toString());
    }

    private Map<UUID, List<NodeResponse>> responses(long from, long to, List<ObjectNode> bad) {
        Map<UUID, List<NodeResponse>> byCommand = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : scan.readAll(layout.responses())) {
            try {
                NodeResponse response = EventCodec.RESPONSES.decode(record.value());
                if (response.ledgerOffset() >= from && response.ledgerOffset() <= to) {
                    byCommand.computeIfAbsent(response.commandId(), id -> new ArrayList<>()).add(response);
                }
            } catch (UndecodableRecordException e) {
                bad.add(JSON.createObjectNode().put("topic", record.topic()).put("partition", record.partition())
                        .put("offset", record.offset()).put("undecodable", true).put("reason", e.getMessage()));
            }
        }
        byCommand.values().forEach(list -> list.sort(java.util.Comparator.comparing(NodeResponse::node)
                .thenComparing(NodeResponse::finishedAt)));
        return byCommand;
    }

    /** One line as a CSV row in {@link #CSV_HEADER}'s columns; texts quoted, payload and responses as JSON. */
    static String csv(ObjectNode line) {
        List<String> cells = new ArrayList<>();
        cells.add(line.path("offset").asText());
        for (String field : List.of("eventId", "time", "actor", "origin", "prevHash", "hash", "type", "summary")) {
            cells.add(quote(line.path(field).asText("")));
        }
        cells.add(quote(line.has("payload") ? json(line.get("payload")) : ""));
        cells.add(quote(line.has("responses") ? json(line.get("responses")) : ""));
        cells.add(quote(line.path("undecodable").asBoolean() ? line.path("reason").asText() : ""));
        if (line.has("topic")) {
            // an undecodable response: no ledger offset, so say where it is in the reason
            cells.set(0, "");
            cells.set(cells.size() - 1, quote(line.get("topic").asText() + "-" + line.get("partition").asText() + "@"
                    + line.get("offset").asText() + ": " + line.get("reason").asText()));
        }
        return String.join(",", cells);
    }

    private static String json(com.fasterxml.jackson.databind.JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new AssertionError("a JSON tree always writes", e);
        }
    }

    // RFC 4180: every text quoted, quotes doubled; backslash, CR and LF in a cell written as \\, \r, \n so each row is one line.
    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\"\"").replace("\r", "\\r").replace("\n", "\\n") + "\"";
    }

}
