package io.ecledger.api.history;

import java.time.Instant;

/** A row of {@code policy_load}: a {@code PolicyLoaded} on the ledger, the policy in force from that offset on. */
public record PolicyRow(long ledgerOffset, Instant loadedAt, String sha256, String policyText, String source,
        String actor, String origin) {}
