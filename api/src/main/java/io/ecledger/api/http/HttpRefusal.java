package io.ecledger.api.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
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
