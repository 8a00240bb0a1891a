package io.ecledger.api.http;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/** Every refusal is its status (400, or 403 from the command policy) with {@code {code, message}} and any {@code rule}. */
public final class RefusedMapper implements ExceptionMapper<Refused> {

    @Override
    public Response toResponse(Refused refused) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("code", refused.code());
        refused.rule().ifPresent(rule -> body.put("rule", rule));
        body.put("message", refused.getMessage());
        return Response.status(refused.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body)
                .build();
    }
}
