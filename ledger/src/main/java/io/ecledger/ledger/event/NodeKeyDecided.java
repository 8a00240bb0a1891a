package io.ecledger.ledger.event;

import io.ecledger.ledger.command.Names;
import java.util.Locale;
import java.util.Objects;

/**
 * {@code node accept} / {@code node reject}: whether the manager trusts what one key signs in one node's name.
 * Carries the public key itself, so the ledger alone says which key each node's records must be signed with.
 */
public record NodeKeyDecided(String node, String fingerprint, String publicKey, Decision decision) implements Payload {

    /** Accepted keys sign what the views show; a rejected key's records are quarantined. */
    public enum Decision { ACCEPTED, REJECTED }

    public NodeKeyDecided {
        Names.require("node", node);
        Objects.requireNonNull(decision, "decision");
        if (fingerprint == null || !fingerprint.startsWith("SHA256:")) {
            throw new IllegalArgumentException("a node key decision names the key's SHA256: fingerprint, not " + fingerprint);
        }
        if (publicKey == null || publicKey.isBlank()) {
            throw new IllegalArgumentException("a node key decision carries the public key decided on");
        }
    }

    @Override
    public String summary() {
        return "node " + (decision == Decision.ACCEPTED ? "accept " : "reject ") + node + " key " + fingerprint
                + " (" + decision.name().toLowerCase(Locale.ROOT) + ")";
    }
}
