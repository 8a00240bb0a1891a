package io.ecledger.api.history;

import static io.ecledger.api.http.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import io.ecledger.api.command.TargetJson;
import io.ecledger.api.http.RefusedMapper;
import io.ecledger.api.projection.ProjectionFixture;
import io.ecledger.api.retrieve.Results;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code GET /v1/history} over Jersey's in-memory client, on a real H2 projection holding one answered unicast. */
@ExtendWith(DropwizardExtensionsSupport.class)
class HistoryResourceTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:34:00Z");
    private static final UUID COMMAND = UUID.fromString("6b1f0c1e-2d3a-4c5b-8e9f-0a1b2c3d4e5f");
    private static final long OFFSET = 7;
    // as the application configures its mapper: times as ISO-8601 text, targets as requests write them
    private static final ObjectMapper JSON = Jackson.newObjectMapper()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).registerModule(TargetJson.module());
    private static final Jdbi H2 = oneAnsweredUnicast(ProjectionFixture.inMemoryH2());

    private static final ResourceExtension RESOURCE = ResourceExtension.builder()
            .setMapper(JSON)
            .addProvider(new RefusedMapper())
            .addResource(new HistoryResource(new HistoryService(H2, new Results(H2)), Clock.fixed(NOW, ZoneOffset.UTC)))
            .build();

    /** alice's {@code unicast rh52mgr version} at ledger offset 7, answered with two lines. */
    private static Jdbi oneAnsweredUnicast(Jdbi jdbi) {
        jdbi.useHandle(handle -> {
            handle.execute("""
                    INSERT INTO cluster_member (node, subcluster, host, version, last_seen, has_left)
                    VALUES ('rh52mgr', 'east', 'rh52mgr.example.com', '0.1.0', ?, FALSE)""", NOW);
            handle.execute("""
                    INSERT INTO issued_command (command_id, ledger_offset, issued_at, actor, origin, target_kind,
                        target_name, command_text, deadline, replay_of, flush_epoch)
                    VALUES (?, ?, ?, 'alice', 'REST', 'UNICAST', 'rh52mgr', 'version', ?, NULL, 0)""",
                    COMMAND, OFFSET, NOW.minusSeconds(60), NOW.plusSeconds(60));
            handle.execute("INSERT INTO expected_node (command_id, seq, node, subcluster) VALUES (?, 0, 'rh52mgr', 'east')",
                    COMMAND);
            handle.execute("""
                    INSERT INTO node_response (command_id, node, subcluster, status, output, started_at, finished_at,
                        ledger_offset)
                    VALUES (?, 'rh52mgr', 'east', 'OK', ?, ?, ?, ?)""",
                    COMMAND, "ecelerity 4.2\nbuild 7", NOW.minusSeconds(59), NOW.minusSeconds(58), OFFSET);
        });
        return jdbi;
    }

    @Test
    void aPageIsJsonWithTheTotalAndEachEntryWithEveryNodesFirstLine() throws Exception {
        Response response = RESOURCE.target("/v1/history").request().get();

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getMediaType().isCompatible(MediaType.APPLICATION_JSON_TYPE)).isTrue();
        JsonNode page = JSON.readTree(response.readEntity(String.class));
        assertThat(page.get("total").asLong()).isEqualTo(1);
        assertThat(page.get("page").asInt()).isEqualTo(1);
        assertThat(page.get("oldestFirst").asBoolean()).isFalse();
        JsonNode entry = page.get("entries").get(0);
        assertThat(entry.get("offset").asLong()).isEqualTo(OFFSET);
        assertThat(entry.get("commandId").asText()).isEqualTo(COMMAND.toString());
        assertThat(entry.get("issuedAt").asText()).isEqualTo("2026-11-25T12:33:00Z");
        assertThat(entry.get("actor").asText()).isEqualTo("alice");
        assertThat(entry.get("target").toString()).isEqualTo("{\"node\":\"rh52mgr\"}");
        assertThat(entry.get("commandText").asText()).isEqualTo("version");
        assertThat(entry.get("flushed").asBoolean()).isFalse();
        JsonNode node = entry.get("nodes").get(0);
        assertThat(node.get("node").asText()).isEqualTo("rh52mgr");
        assertThat(node.get("state").asText()).isEqualTo("ANSWERED");
        assertThat(node.get("status").asText()).isEqualTo("OK");
        assertThat(node.get("output").asText()).isEqualTo("ecelerity 4.2");
    }

    @Test
    void aFilterThatMatchesNothingIsAnEmptyPageNotAnError() throws Exception {
        Response response = RESOURCE.target("/v1/history").queryParam("actor", "bob").request().get();

        assertThat(response.getStatus()).isEqualTo(200);
        JsonNode page = JSON.readTree(response.readEntity(String.class));
        assertThat(page.get("total").asLong()).isZero();
        assertThat(page.get("entries").isArray()).isTrue();
        assertThat(page.get("entries")).isEmpty();
    }

    @Test
    void showIsTheWholeRecordWithTheFullOutput() throws Exception {
        Response response = RESOURCE.target("/v1/history/" + OFFSET).request().get();

        assertThat(response.getStatus()).isEqualTo(200);
        JsonNode record = JSON.readTree(response.readEntity(String.class));
        assertThat(record.get("kind").asText()).isEqualTo("command");
        assertThat(record.at("/command/nodes/0/output").asText()).isEqualTo("ecelerity 4.2\nbuild 7");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "status=ok       | invalid-filter | status: 'ok' is not a status; use error, expired, pending, rejected or denied",
            "broadcast=yes   | invalid-filter | broadcast must be true or false, not 'yes'"})
    void aBadFilterIs400WithCodeAndMessage(String query, String code, String message) throws Exception {
        String[] parameter = query.split("=");
        Response response = RESOURCE.target("/v1/history").queryParam(parameter[0], parameter[1]).request().get();

        assertRefused(response, code, message);
    }

    @Test
    void aRegexOnlyJavaRunsOrLongerThanTheCapIs400AndNothingIsQueried() throws Exception {
        assertRefused(RESOURCE.target("/v1/history").queryParam("regex", "(a)\\1").request().get(), "invalid-filter",
                "regex: '(a)\\1' is not a regular expression RE2 runs (linear time: no backreferences or lookaround): "
                        + "invalid escape sequence");
        assertRefused(RESOURCE.target("/v1/history").queryParam("regex", "a".repeat(257)).request().get(),
                "invalid-filter", "regex: a pattern of 257 characters is longer than the limit of 256");
    }

    @Test
    void anOffsetThatIsNotANumberIs400WithCodeAndMessage() throws Exception {
        assertRefused(RESOURCE.target("/v1/history/x").request().get(), "invalid-offset", "'x' is not a ledger offset");
    }

    @Test
    void anOffsetWithNothingRecordedIs404() {
        Response response = RESOURCE.target("/v1/history/99999").request().get();

        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(response.readEntity(String.class)).contains("no command, flush or config change at ledger offset 99999");
    }

}
