package io.ecledger.api.projection;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * H2 unable to answer because of its store (a full disk, a database it closed and is opening again): 503
 * {@code views-unavailable} saying why, so a client retries and an operator sees the cause; nothing was appended. Any
 * other database failure is a bug: 500, logged with an id.
 */
public final class ViewsUnavailableMapper implements ExceptionMapper<JdbiException> {

    private static final Logger LOG = LoggerFactory.getLogger(ViewsUnavailableMapper.class);

    @Override
    public Response toResponse(JdbiException e) {
        Optional<StoreTrouble> trouble = StoreTrouble.of(e);
        if (trouble.isPresent()) {
            LOG.warn("views unavailable for a request: {}", trouble.get().reason());
            return answer(Response.Status.SERVICE_UNAVAILABLE, "views-unavailable", "the manager's views (H2) cannot "
                    + "be read or written just now: " + trouble.get().reason() + "; nothing was appended, try again");
        }
        String id = UUID.randomUUID().toString();
        LOG.error("database failure handling a request, id={}", id, e);
        return answer(Response.Status.INTERNAL_SERVER_ERROR, "internal-error",
                "the manager failed reading its views; logged with id " + id);
    }

    private static Response answer(Response.Status status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("code", code, "message", message)).build();
    }
}
