package io.ecledger.api.http;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Map;

/** Every refusal is a 400 with {@code {code, message}}. */
public final class RefusedMapper implements ExceptionMapper<Refused> {

    @Override
    public Response toResponse(Refused refused) {
        return Response.status(Response.Status.BAD_REQUEST)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("code", refused.code(), "message", refused.getMessage()))
                .build();
    }
}
