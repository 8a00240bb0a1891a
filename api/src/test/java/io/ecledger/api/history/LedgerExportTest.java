package io.ecledger.api.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecledger.ledger.command.Target;
import io.ecledger.ledger.event.CommandDenied;
import io.ecledger.ledger.event.CommandIssued;
import io.ecledger.ledger.event.ConfigChanged;
import io.ecledger.ledger.event.KeyRotated;
import io.ecledger.ledger.event.NodeKeyDecided;
import io.ecledger.ledger.event.Payload;
import io.ecledger.ledger.event.PolicyLoaded;
import io.ecledger.ledger.event.ResultsFlushed;
import io.ecledger.ledger.event.ScopeStep;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LedgerExportTest {

    private static final UUID ID = UUID.fromString("00000000-0000-0000-0000-000000000007");

    static List<Payload> onePayloadOfEachKind() {
        return List.of(
                new CommandIssued(ID, new Target.Subcluster("east"), "summary", List.of("rh52bare", "rh52mgr"),
                        Instant.parse("2026-11-25T10:00:05Z"), OptionalLong.of(3)),
                new ResultsFlushed(Optional.of("new shift")),
                new ConfigChanged(ConfigChanged.Action.SET, List.of(ScopeStep.named("Control_Listener", "x")),
                        "Listen", Optional.of("/tmp/2025")),
                new KeyRotated("SHA256:" + "A".repeat(43), "MCowBQYDK2VwAyEA" + "B".repeat(43) + "="),
                new NodeKeyDecided("rh52bare", "SHA256:" + "A".repeat(43), "MCowBQYDK2VwAyEA", NodeKeyDecided.Decision.REJECTED),
                new CommandDenied("shutdown", "operator: never shutdown", "not allowed"),
                new PolicyLoaded("0".repeat(64), "roles: {}\n", PolicyLoaded.DEFAULT_SOURCE),
                new io.ecledger.ledger.event.CommandCancelled(ID, "wrong subcluster"),
                new io.ecledger.ledger.event.BatchReleased(ID, 3, 1, List.of("rh52mgr"), "summary",
                        Instant.parse("2026-11-25T10:00:15Z"), Instant.parse("2026-11-25T10:00:35Z")));
    }

    @Test
    void everyKindOfPayloadIsExported() {
        List<Payload> payloads = onePayloadOfEachKind();
        assertThat(payloads.stream().map(Object::getClass).toList())
                .containsExactlyInAnyOrder(Payload.class.getPermittedSubclasses());
        assertThat(LedgerExport.payload(payloads.get(0)).toString()).isEqualTo("{\"commandId\":\"" + ID
                + "\",\"target\":{\"subcluster\":\"east\"},\"commandText\":\"summary\","
                + "\"expectedNodes\":[\"rh52bare\",\"rh52mgr\"],\"deadline\":\"2026-11-25T10:00:05Z\",\"replayOf\":3}");
        assertThat(LedgerExport.payload(payloads.get(1)).toString()).isEqualTo("{\"reason\":\"new shift\"}");
        assertThat(LedgerExport.payload(payloads.get(2)).toString()).isEqualTo("{\"action\":\"set\","
                + "\"scopePath\":[{\"name\":\"Control_Listener\",\"instance\":\"x\"}],\"option\":\"Listen\",\"value\":\"/tmp/2025\"}");
        assertThat(LedgerExport.payload(payloads.get(3)).toString()).isEqualTo("{\"newFingerprint\":\"SHA256:" + "A".repeat(43)
                + "\",\"newPublicKey\":\"MCowBQYDK2VwAyEA" + "B".repeat(43) + "=\"}");
        assertThat(LedgerExport.payload(payloads.get(4)).toString()).isEqualTo("{\"node\":\"rh52bare\",\"fingerprint\":\"SHA256:"
                + "A".repeat(43) + "\",\"publicKey\":\"MCowBQYDK2VwAyEA\",\"decision\":\"rejected\"}");
        assertThat(LedgerExport.payload(payloads.get(5)).toString())
                .isEqualTo("{\"line\":\"shutdown\",\"rule\":\"operator: never shutdown\",\"reason\":\"not allowed\"}");
        assertThat(LedgerExport.payload(payloads.get(6)).toString())
                .isEqualTo("{\"sha256\":\"" + "0".repeat(64) + "\",\"source\":\"default\",\"text\":\"roles: {}\\n\"}");
        assertThat(LedgerExport.payload(payloads.get(7)).toString())
                .isEqualTo("{\"commandId\":\"" + ID + "\",\"reason\":\"wrong subcluster\"}");
        assertThat(LedgerExport.payload(payloads.get(8)).toString()).isEqualTo("{\"commandId\":\"" + ID
                + "\",\"commandOffset\":3,\"batch\":1,\"nodes\":[\"rh52mgr\"],\"commandText\":\"summary\","
                + "\"deliverBy\":\"2026-11-25T10:00:15Z\",\"deadline\":\"2026-11-25T10:00:35Z\"}");
    }

    @Test
    void aCsvRowIsOnePhysicalLineWithTextsQuotedAndEscaped() {
        ObjectNode line = new ObjectMapper().createObjectNode().put("offset", 4).put("actor", "a \"b\"")
                .put("summary", "x\ny\\z");
        line.putArray("responses").addObject().put("output", "1\n2");

        assertThat(LedgerExport.csv(line)).isEqualTo(
                "4,\"\",\"\",\"a \"\"b\"\"\",\"\",\"\",\"\",\"\",\"x\\ny\\\\z\",\"\",\"[{\"\"output\"\":\"\"1\\\\n2\"\"}]\",\"\"");
        assertThat(LedgerExport.CSV_HEADER.split(",")).hasSize(12);
    }
}
