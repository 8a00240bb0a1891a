package io.ecledger.api.nodekeys;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code nodes:} section: how the manager treats node keys it has not decided on. */
public class NodesFactory {

    /** Off by default: a new node's key waits for {@code node accept}. {@code ops/up} turns it on for its simulated nodes. */
    private boolean autoAcceptKeys;

    /**
     * Keys accepted in advance, as Salt preseeds minion keys: node name to its public key (base64 X.509 or PEM, as
     * {@code DIR/<node>/node-key.pub.pem} holds it). Empty by default. Not on the ledger: keep this file with the audit.
     */
    @NotNull
    private Map<String, String> preseededKeys = new LinkedHashMap<>();

    @JsonProperty
    public Map<String, String> getPreseededKeys() {
        return preseededKeys;
    }

    @JsonProperty
    public void setPreseededKeys(Map<String, String> preseededKeys) {
        this.preseededKeys = preseededKeys;
    }

    @JsonProperty
    public boolean isAutoAcceptKeys() {
        return autoAcceptKeys;
    }

    @JsonProperty
    public void setAutoAcceptKeys(boolean autoAcceptKeys) {
        this.autoAcceptKeys = autoAcceptKeys;
    }
}
