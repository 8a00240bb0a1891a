package io.ecledger.api.keys;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.security.PublicKey;

/** {@code /v1/keys/manager}: the manager's public key, for pinning an agent to it. */
@Path("/v1/keys")
@Produces(MediaType.APPLICATION_JSON)
public final class KeysResource {

    private final ManagerKeyView manager;

    public KeysResource(PublicKey managerKey) {
        this.manager = ManagerKeyView.of(managerKey);
    }

    @GET
    @Path("/manager")
    public ManagerKeyView manager() {
        return manager;
    }
}
