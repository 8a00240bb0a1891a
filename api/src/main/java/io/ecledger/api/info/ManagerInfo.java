package io.ecledger.api.info;

/**
 * What {@code info} and {@code GET /v1/info} answer: the cluster, this manager, its nodes (those not left), the
 * next ledger offset with the projection's lag behind it ({@code projectionLag} negative when unknown), and the
 * fingerprint of the key that signs the ledger.
 */
public record ManagerInfo(String cluster, String manager, String version, int nodes, long alive, long subclusters,
        long ledgerOffset, long projectionLag, String managerKey) {}
