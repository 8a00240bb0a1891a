package io.ecledger.api.config;

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
import io.ecledger.api.testing.AnonymousCaller;
import io.ecledger.api.testing.MockLedger;
import io.ecledger.ledger.command.Origin;
import io.ecledger.ledger.config.ConfigSchema;
import io.ecledger.ledger.event.ConfigChanged;
import io.ecledger.ledger.event.LedgerEvent;
import io.ecledger.ledger.event.ScopeStep;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code /v1/config} over Jersey's in-memory client: the real service folding an {@code eccluster.conf} in a temporary
 * directory with the changes a real projection read back from a real ledger on Kafka's MockProducer.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ConfigResourceTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:34:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String CALLER = "192.0.2.10";
    // as the application configures its mapper
    private static final ObjectMapper JSON = Jackson.newObjectMapper()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).registerModule(TargetJson.module());
    /** The seed's Control_Listener stanza, trimmed. */
    private static final String BASE = """
            # the console's socket
            Control_Listener {
              Enable_Authentication = "false"
              Listen "/tmp/2025" {
                file_mode = 0666
              }
            }
            """;

    private final Jdbi h2 = ProjectionFixture.inMemoryH2();
    private final MockLedger kafka = MockLedger.start(h2, CLOCK);
    private final ResourceExtension resource;

    ConfigResourceTest(@TempDir Path directory) throws IOException {
        Path base = Files.writeString(directory.resolve("eccluster.conf"), BASE);
        resource = ResourceExtension.builder()
                .setMapper(JSON)
                .addProvider(new RefusedMapper())
                .addProvider(AnonymousCaller.at(CALLER))
                .addResource(new ConfigResource(new ConfigService(h2, kafka.ledger(), kafka.projection(), base,
                        ConfigSchema.standard())))
                .build();
    }

    @AfterEach
    void stopKafka() {
        kafka.close();
    }

    @Test
    void anOptionSetInTheBaseFileIsItsJsonViewWithTheValueSetThereAndTheEffectiveOne() throws Exception {
        Response response = listen2025("file_mode").request().get();

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getMediaType().isCompatible(MediaType.APPLICATION_JSON_TYPE)).isTrue();
        assertThat(JSON.readTree(response.readEntity(String.class)).toString()).isEqualTo("{\"scope\":\"Control_Listener "
                + "Listen \\\"/tmp/2025\\\"\",\"option\":\"file_mode\",\"value\":\"0666\",\"effective\":\"0666\","
                + "\"effectiveFrom\":\"set here\"}");
    }

    @Test
    void anOptionSetNowhereHasNoValueAndItsDefaultAsTheEffectiveOne() throws Exception {
        JsonNode view = JSON.readTree(listen2025("Timeout").request().get(String.class));

        assertThat(view.get("value").isNull()).isTrue();
        assertThat(view.get("effective").asText()).isEqualTo("60");
        assertThat(view.get("effectiveFrom").asText()).isEqualTo("default");
    }

    @Test
    void putAppendsConfigChangedAnswersWhatItAppendedAndTheNextGetSeesIt() throws Exception {
        Response response = resource.target("/v1/config/options/Timeout").queryParam("scope", "Control_Listener")
                .request().put(Entity.text("30"));

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(JSON.readTree(response.readEntity(String.class)).toString()).isEqualTo(
                "{\"offset\":0,\"action\":\"set\",\"scope\":\"Control_Listener\",\"option\":\"Timeout\",\"value\":\"30\"}");
        List<LedgerEvent> appended = kafka.appended();
        assertThat(appended).hasSize(1);
        assertThat(appended.get(0).actor()).isEqualTo("anonymous@" + CALLER);
        assertThat(appended.get(0).origin()).isEqualTo(Origin.REST);
        assertThat(appended.get(0).payload()).isEqualTo(new ConfigChanged(ConfigChanged.Action.SET,
                List.of(new ScopeStep("Control_Listener", Optional.empty())), "Timeout", Optional.of("30")));

        JsonNode view = JSON.readTree(listen2025("Timeout").request().get(String.class));
        assertThat(view.get("effective").asText()).isEqualTo("30");
        assertThat(view.get("effectiveFrom").asText()).isEqualTo("from Control_Listener");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Control_Listener                  | Timeout   | soon | invalid-value  "
                    + "| config set: Timeout takes a whole number of seconds, not \"soon\"",
            "Control_Listener,Listen,/tmp/2025 | file_mode | 999  | invalid-value  "
                    + "| config set: file_mode takes an octal file mode such as 0640, not 999",
            "Security                          | Timeout   | 5    | invalid-scope  "
                    + "| config set: option Timeout is not valid in Security; it is valid in control_listener, listen",
            "Control_Listener                  | Listen    | 5    | invalid-option "
                    + "| config set: Listen is a scope, not an option",
            "Control_Listener,Peer,1.2.3.4     | Timeout   | 5    | unknown-scope  "
                    + "| a Peer scope cannot be in Control_Listener",
            "Nosuch_Listener                   | Timeout   | 5    | unknown-scope  "
                    + "| unknown scope 'Nosuch_Listener' in (global)"})
    void aRefusedSetIs400WithCodeAndMessageAndNothingIsAppended(String scope, String option, String value, String code,
                                                                String message) throws Exception {
        WebTarget target = resource.target("/v1/config/options/" + option);
        for (String word : scope.split(",")) {
            target = target.queryParam("scope", word);
        }

        Response response = target.request().put(Entity.text(value));

        assertRefused(response, code, message);
        assertThat(kafka.appended()).isEmpty();
    }

    @Test
    void aGetInAScopeTheConfigurationCannotHaveIs400WithCodeAndMessage() throws Exception {
        Response response = resource.target("/v1/config/options/Timeout").queryParam("scope", "Nosuch_Listener")
                .request().get();

        assertRefused(response, "unknown-scope", "unknown scope 'Nosuch_Listener' in (global)");
    }


    private WebTarget listen2025(String option) {
        return resource.target("/v1/config/options/" + option)
                .queryParam("scope", "Control_Listener").queryParam("scope", "Listen").queryParam("scope", "/tmp/2025");
    }
}
