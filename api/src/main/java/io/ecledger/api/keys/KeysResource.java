package io.ecledger.api.keys;

import io.ecledger.api.access.Requires;
import io.ecledger.ledger.sign.CurrentManagerKey;
import io.ecledger.ledger.sign.ManagerKey;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.security.PublicKey;
import java.util.OptionalLong;
import java.util.function.Supplier;

/** {@code /v1/keys/manager}: the manager's current public key, for pinning an agent to it. */
@Path("/v1/keys")
@Produces(MediaType.APPLICATION_JSON)
public final class KeysResource {

    private final Supplier<ManagerKeyView> manager;

    /** Answers the key that signs now, which a rotation changes. */
    public KeysResource(CurrentManagerKey managerKey) {
        this.manager = () -> ManagerKeyView.of(managerKey);
    }

    /** Answers {@code managerKey}, fixed. */
    public KeysResource(PublicKey managerKey) {
        ManagerKeyView fixed = ManagerKeyView.of(managerKey);
        this.manager = () -> fixed;
    }

    @Requires("info")
    @GET
    @Path("/manager")
    public ManagerKeyView manager() {
        return manager.get();
    }
}
