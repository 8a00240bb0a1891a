package io.ecledger.api.nodekeys;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The {@code nodes:} section: how the manager treats node keys it has not decided on. */
public class NodesFactory {

    /** Off by default: a new node's key waits for {@code node accept}. {@code ops/up} turns it on for its simulated nodes. */
    private boolean autoAcceptKeys;

    @JsonProperty
    public boolean isAutoAcceptKeys() {
        return autoAcceptKeys;
    }

    @JsonProperty
    public void setAutoAcceptKeys(boolean autoAcceptKeys) {
        this.autoAcceptKeys = autoAcceptKeys;
    }
}
