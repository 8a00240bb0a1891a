package io.ecledger.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RefusedMapperTest {

    @Test
    void aPolicyRefusalIs403NamingTheRule() {
        Response response = new RefusedMapper().toResponse(Refused.forbidden("admin: deny *", "role admin may not"));

        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getEntity()).isEqualTo(
                Map.of("code", "forbidden", "rule", "admin: deny *", "message", "role admin may not"));
    }

    @Test
    void anyOtherRefusalStays400WithCodeAndMessageOnly() {
        Response response = new RefusedMapper().toResponse(new Refused("unknown-node", "no node x"));

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getEntity()).isEqualTo(Map.of("code", "unknown-node", "message", "no node x"));
    }
}
