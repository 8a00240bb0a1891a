package io.ecledger.api.membership;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import io.ecledger.api.asof.AsOfViews;
import io.ecledger.api.asof.Views;
import io.ecledger.api.http.Refusals;
import io.ecledger.api.http.RefusedMapper;
import io.ecledger.api.projection.ProjectionFixture;
import io.ecledger.ledger.kafka.TopicLayout;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code GET /v1/membership} over Jersey's in-memory client, on a real H2 projection holding three members. */
@ExtendWith(DropwizardExtensionsSupport.class)
class MembershipResourceTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:34:00Z");
    private static final ObjectMapper JSON = Jackson.newObjectMapper().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final Jdbi H2 = threeMembers(ProjectionFixture.inMemoryH2());
    // no broker behind it: only a point that parses would reach Kafka
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final AsOfViews NO_BROKER = new AsOfViews("127.0.0.1:9", TopicLayout.standard(), CLOCK);

    private static final ResourceExtension RESOURCE = ResourceExtension.builder()
            .setMapper(JSON)
            .addProvider(new RefusedMapper())
            .addResource(new MembershipResource(new Membership(H2, Duration.ofSeconds(15)), new Views(H2, CLOCK, NO_BROKER)))
            .build();

    /** rh52bar2 silent for a minute, rh52mgr seen 5 s ago, rh52bare gone. */
    private static Jdbi threeMembers(Jdbi jdbi) {
        jdbi.useHandle(handle -> {
            for (Object[] row : List.of(
                    new Object[] {"rh52bar2", "west", NOW.minusSeconds(60), false},
                    new Object[] {"rh52mgr", "east", NOW.minusSeconds(5), false},
                    new Object[] {"rh52bare", "east", NOW.minusSeconds(2), true})) {
                handle.createUpdate("""
                        INSERT INTO cluster_member (node, subcluster, host, version, last_seen, has_left)
                        VALUES (:node, :subcluster, :host, '0.1.0', :lastSeen, :left)""")
                        .bind("node", (String) row[0]).bind("subcluster", (String) row[1])
                        .bind("host", row[0] + ".example.com").bind("lastSeen", (Instant) row[2])
                        .bind("left", (boolean) row[3]).execute();
            }
        });
        return jdbi;
    }

    @Test
    void membersAreAJsonArrayBySubclusterThenNodeAliveOnlyWithinTheWindowOfTheResourcesClock() throws Exception {
        Response response = RESOURCE.target("/v1/membership").request().get();

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getMediaType().isCompatible(MediaType.APPLICATION_JSON_TYPE)).isTrue();
        JsonNode members = JSON.readTree(response.readEntity(String.class));
        assertThat(members.isArray()).isTrue();
        assertThat(members).extracting(m -> m.get("node").asText()).containsExactly("rh52bare", "rh52mgr", "rh52bar2");
        assertThat(members.get(1).toString()).isEqualTo("{\"node\":\"rh52mgr\",\"subcluster\":\"east\","
                + "\"host\":\"rh52mgr.example.com\",\"version\":\"0.1.0\",\"lastSeen\":\"2026-11-25T12:33:55Z\","
                + "\"alive\":true,\"left\":false}");
        assertThat(members.get(0).get("alive").asBoolean()).as("left").isFalse();
        assertThat(members.get(0).get("left").asBoolean()).isTrue();
        assertThat(members.get(2).get("alive").asBoolean()).as("silent for a minute").isFalse();
        assertThat(members.get(2).get("left").asBoolean()).isFalse();
    }

    @Test
    void aPointThatIsNeitherOffsetNorTimeIsRefusedWithCodeAndMessage() throws Exception {
        Response response = RESOURCE.target("/v1/membership").queryParam("asOf", "yesterday").request().get();

        JsonNode refusal = Refusals.refusal(response);
        assertThat(refusal.get("code").asText()).isEqualTo("invalid-as-of");
        assertThat(refusal.get("message").asText()).startsWith("'yesterday' is neither a ledger offset nor an ISO-8601 time");
    }
}
