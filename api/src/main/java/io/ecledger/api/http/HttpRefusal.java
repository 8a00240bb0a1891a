package io.ecledger.api.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A request refused before any resource saw it: the status and the same {@code {code, message}} body as every other
 * refusal, so a client reads one shape whatever refused it.
 */
public record HttpRefusal(int status, String code, String message) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public HttpRefusal {
        if (status < 400 || status > 499) {
            throw new IllegalArgumentException("a refusal is a 4xx status, not " + status);
        }
    }

    /** This refusal as a JAX-RS answer, for a filter or resource to add headers to and build. */
    public Response.ResponseBuilder response() {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("code", code, "message", message));
    }

    /** Writes this refusal; the connection is closed after it, since a refused body may still be on its way. */
    public void writeTo(HttpServletResponse response) throws IOException {
        byte[] body = JSON.writeValueAsBytes(Map.of("code", code, "message", message));
        response.setStatus(status);
        response.setContentType("application/json");
        response.setHeader("Connection", "close");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }
}
