package io.ecledger.api.info;

/**
 * What {@code info} and {@code GET /v1/info} answer: the cluster, this manager, its nodes (those not left), the
 * next ledger offset with the projection's lag behind it ({@code projectionLag} negative when unknown), and the
 * fingerprint of the key that signs the ledger with the offset of the rotation that made it current
 * ({@code managerKeyRotatedAt} negative when it was never rotated).
 */
public record ManagerInfo(String cluster, String manager, String version, int nodes, long alive, long subclusters,
        long ledgerOffset, long projectionLag, String managerKey, long managerKeyRotatedAt) {

    /** The info of a manager whose key was never rotated. */
    public ManagerInfo(String cluster, String manager, String version, int nodes, long alive, long subclusters,
            long ledgerOffset, long projectionLag, String managerKey) {
        this(cluster, manager, version, nodes, alive, subclusters, ledgerOffset, projectionLag, managerKey, -1);
    }
}
