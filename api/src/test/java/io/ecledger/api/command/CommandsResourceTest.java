package io.ecledger.api.command;

import static io.ecledger.api.http.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import io.ecledger.api.follow.Followers;
import io.ecledger.api.http.RefusedMapper;
import io.ecledger.api.membership.Membership;
import io.ecledger.api.projection.ProjectionFixture;
import io.ecledger.api.retrieve.Results;
import io.ecledger.api.testing.AnonymousCaller;
import io.ecledger.api.testing.MockLedger;
import io.ecledger.ledger.command.Grammar;
import io.ecledger.ledger.command.Origin;
import io.ecledger.ledger.command.Target;
import io.ecledger.ledger.event.CommandIssued;
import io.ecledger.ledger.event.LedgerEvent;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code /v1/commands} over Jersey's in-memory client: the real issuer, membership and lookup on an in-memory H2,
 * appending to a real ledger on Kafka's MockProducer that a real projection reads back.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class CommandsResourceTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:34:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String CALLER = "192.0.2.10";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    // as the application configures its mapper: times as ISO-8601 text, targets as requests write them
    private static final ObjectMapper JSON = Jackson.newObjectMapper()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).registerModule(TargetJson.module());

    private final Jdbi h2 = members(ProjectionFixture.inMemoryH2());
    private final MockLedger kafka = MockLedger.start(h2, CLOCK);
    private final ResourceExtension resource = ResourceExtension.builder()
            .setMapper(JSON)
            .addProvider(new RefusedMapper())
            .addProvider(AnonymousCaller.at(CALLER))
            .addResource(new CommandsResource(Grammar.standard(),
                    new CommandIssuer(kafka.ledger(), kafka.projection(), new Membership(h2, Duration.ofSeconds(15)), CLOCK,
                            COMMAND_TIMEOUT, COMMAND_TIMEOUT),
                    new CommandLookup(new Results(h2), CLOCK, kafka.projection().ownWrites()), (caller, command, line) -> { },
                    new Followers(new Results(h2), CLOCK),
                    new CommandCanceller(kafka.ledger(), kafka.projection(), new Results(h2), CLOCK)))
            .build();

    @AfterEach
    void stopKafka() {
        kafka.close();
    }

    /** The seed's three nodes, all seen 5 s ago, and rh52old of east, gone. */
    private static Jdbi members(Jdbi jdbi) {
        jdbi.useHandle(handle -> {
            for (Object[] row : List.of(
                    new Object[] {"rh52bare", "east", false},
                    new Object[] {"rh52mgr", "east", false},
                    new Object[] {"rh52bar2", "west", false},
                    new Object[] {"rh52old", "east", true})) {
                handle.createUpdate("""
                        INSERT INTO cluster_member (node, subcluster, host, version, last_seen, has_left)
                        VALUES (:node, :subcluster, :host, '0.1.0', :lastSeen, :left)""")
                        .bind("node", (String) row[0]).bind("subcluster", (String) row[1])
                        .bind("host", row[0] + ".example.com").bind("lastSeen", NOW.minusSeconds(5))
                        .bind("left", (boolean) row[2]).execute();
            }
        });
        return jdbi;
    }

    @Test
    void aBroadcastIs202WithTheIssuedCommandExpectingEveryMemberThatHasNotLeftAndIsOnTheLedger() throws Exception {
        Response response = post("{\"target\": {\"broadcast\": true}, \"command\": \"version\"}");

        assertThat(response.getStatus()).isEqualTo(202);
        assertThat(response.getMediaType().isCompatible(MediaType.APPLICATION_JSON_TYPE)).isTrue();
        JsonNode issued = JSON.readTree(response.readEntity(String.class));
        assertThat(issued.properties()).extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder("commandId", "offset", "expectedNodes", "deadline");
        assertThat(issued.get("offset").asLong()).isZero();
        assertThat(issued.get("expectedNodes")).extracting(JsonNode::asText).containsExactly("rh52bar2", "rh52bare", "rh52mgr");
        assertThat(issued.get("deadline").asText()).isEqualTo("2026-11-25T12:35:00Z");

        LedgerEvent event = onlyAppended();
        assertThat(event.actor()).as("who the request came from").isEqualTo("anonymous@" + CALLER);
        assertThat(event.origin()).isEqualTo(Origin.REST);
        assertThat(event.payload()).isInstanceOfSatisfying(CommandIssued.class, command -> {
            assertThat(command.commandId()).hasToString(issued.get("commandId").asText());
            assertThat(command.target()).isEqualTo(new Target.Broadcast());
            assertThat(command.commandText()).isEqualTo("version");
            assertThat(command.expectedNodes()).containsExactly("rh52bar2", "rh52bare", "rh52mgr");
            assertThat(command.deadline()).isEqualTo(NOW.plus(COMMAND_TIMEOUT));
        });
    }

    @Test
    void aUnicastIs202ExpectingThatNodeAloneAndIsOnTheLedgerToThatNode() throws Exception {
        Response response = post("{\"target\": {\"node\": \"rh52mgr\"}, \"command\": \"summary\"}");

        assertThat(response.getStatus()).isEqualTo(202);
        JsonNode issued = JSON.readTree(response.readEntity(String.class));
        assertThat(issued.get("offset").asLong()).isZero();
        assertThat(issued.get("expectedNodes")).extracting(JsonNode::asText).containsExactly("rh52mgr");
        assertThat(issued.get("deadline").asText()).isEqualTo("2026-11-25T12:35:00Z");

        assertThat(onlyAppended().payload()).isInstanceOfSatisfying(CommandIssued.class, command -> {
            assertThat(command.commandId()).hasToString(issued.get("commandId").asText());
            assertThat(command.target()).isEqualTo(new Target.Unicast("rh52mgr"));
            assertThat(command.commandText()).isEqualTo("summary");
        });
    }

    @Test
    void anIssuedCommandIsReadableByItsIdAsSoonAsThePostReturns() throws Exception {
        JsonNode issued = JSON.readTree(post("{\"target\": {\"subcluster\": \"east\"}, \"command\": \"version\"}")
                .readEntity(String.class));

        Response response = resource.target("/v1/commands/" + issued.get("commandId").asText()).request().get();

        assertThat(response.getStatus()).isEqualTo(200);
        JsonNode command = JSON.readTree(response.readEntity(String.class));
        assertThat(command.get("commandId").asText()).isEqualTo(issued.get("commandId").asText());
        assertThat(command.get("ledgerOffset").asLong()).isZero();
        assertThat(command.get("target").toString()).isEqualTo("{\"subcluster\":\"east\"}");
        assertThat(command.get("commandText").asText()).isEqualTo("version");
        assertThat(command.get("nodes")).extracting(n -> n.get("node").asText() + " " + n.get("state").asText())
                .containsExactly("rh52bare PENDING", "rh52mgr PENDING");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"target\": {\"node\": \"rh52nope\"}, \"command\": \"version\"}   | unknown-node       "
                    + "| unknown node 'rh52nope'; known nodes: rh52bar2, rh52bare, rh52mgr, rh52old",
            "{\"target\": {\"subcluster\": \"north\"}, \"command\": \"version\"} | unknown-subcluster "
                    + "| unknown subcluster 'north'; known subclusters: east, west",
            "{\"target\": {\"node\": \"rh52old\"}, \"command\": \"version\"}    | node-left          "
                    + "| node 'rh52old' has left the cluster",
            "{\"target\": {\"broadcast\": true, \"node\": \"rh52mgr\"}, \"command\": \"version\"} | invalid-target "
                    + "| target must be exactly one of {\"broadcast\": true}, {\"subcluster\": NAME}, {\"node\": NAME}",
            "{\"command\": \"version\"}                                        | invalid-target     "
                    + "| target is missing",
            "null                                                              | invalid-request    "
                    + "| body must be {\"target\": …, \"command\": …}"})
    void aRefusedCommandIs400WithCodeAndMessageAndNothingIsAppended(String body, String code, String message)
            throws Exception {
        Response response = post(body);

        assertRefused(response, code, message);
        assertThat(kafka.appended()).isEmpty();
    }

    @Test
    void aBodyThatIsNotJsonIs400AndNothingIsAppended() throws Exception {
        Response response = post("{\"target\": {\"broadcast\": true}, \"command\": ");

        assertThat(response.getStatus()).isEqualTo(400);
        // Dropwizard's own mapper answers before the resource runs
        assertThat(response.readEntity(String.class)).isEqualTo("{\"code\":400,\"message\":\"Unable to process JSON\"}");
        assertThat(kafka.appended()).isEmpty();
    }

    @Test
    void anIdThatIsNotAUuidIs400WithCodeAndMessage() throws Exception {
        Response response = resource.target("/v1/commands/x").request().get();

        assertRefused(response, "invalid-command-id", "'x' is not a command id (a UUID)");
    }

    @Test
    void anIdNoCommandHasIs404() {
        UUID unknown = UUID.fromString("6b1f0c1e-2d3a-4c5b-8e9f-0a1b2c3d4e5f");

        Response response = resource.target("/v1/commands/" + unknown).request().get();

        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(response.readEntity(String.class)).contains("no command " + unknown);
    }

    private Response post(String json) {
        return resource.target("/v1/commands").request().post(Entity.entity(json, MediaType.APPLICATION_JSON_TYPE));
    }

    private LedgerEvent onlyAppended() throws Exception {
        List<LedgerEvent> appended = kafka.appended();
        assertThat(appended).hasSize(1);
        return appended.get(0);
    }
}
