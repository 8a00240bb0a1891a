package io.ecledger.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.Map;

/** What every refusal over REST looks like, as {@link RefusedMapper} writes it: 400 and exactly {@code {code, message}}. */
public final class Refusals {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Refusals() {}

    /** The refusal {@code response} carries, after checking its status, type and that it has exactly code and message. */
    public static JsonNode refusal(Response response) throws IOException {
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getMediaType().isCompatible(MediaType.APPLICATION_JSON_TYPE)).isTrue();
        JsonNode refusal = JSON.readTree(response.readEntity(String.class));
        assertThat(refusal.properties()).extracting(Map.Entry::getKey).containsExactlyInAnyOrder("code", "message");
        return refusal;
    }

    /** {@code response} is a refusal with exactly this code and message. */
    public static void assertRefused(Response response, String code, String message) throws IOException {
        JsonNode refusal = refusal(response);
        assertThat(refusal.get("code").asText()).isEqualTo(code);
        assertThat(refusal.get("message").asText()).isEqualTo(message);
    }
}
