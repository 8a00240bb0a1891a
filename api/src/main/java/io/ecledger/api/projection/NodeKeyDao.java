package io.ecledger.api.projection;

import io.ecledger.ledger.event.Seal;
import io.ecledger.ledger.sign.KeyFiles;
import java.security.PublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The node keys and the quarantine of the projection: which key may sign in which node's name, and the records
 * that no such key signed. Written inside the projection's batch transaction, read by the views.
 */
@RegisterConstructorMapper(NodeKeyRow.class)
@RegisterConstructorMapper(QuarantinedRow.class)
public interface NodeKeyDao {

    /** Checks a record's signature with one public key. */
    @FunctionalInterface
    interface SignedBy {
        boolean test(PublicKey key);
    }

    @SqlQuery("""
            SELECT node, fingerprint, public_key, state, first_seen, decided_by, decided_at, decision_offset
            FROM node_key
            ORDER BY node, fingerprint""")
    List<NodeKeyRow> keys();

    @SqlQuery("""
            SELECT node, fingerprint, public_key, state, first_seen, decided_by, decided_at, decision_offset
            FROM node_key WHERE node = :node
            ORDER BY fingerprint""")
    List<NodeKeyRow> keysOf(String node);

    @SqlQuery("""
            SELECT p.node, p.fingerprint, p.public_key, 'ACCEPTED' AS state, NULL AS first_seen, 'preseeded' AS decided_by,
                   NULL AS decided_at, NULL AS decision_offset
            FROM preseeded_node_key p
            WHERE p.node = :node
              AND NOT EXISTS (SELECT 1 FROM node_key k
                              WHERE k.node = p.node AND k.fingerprint = p.fingerprint AND k.state <> 'PENDING')""")
    List<NodeKeyRow> preseededOf(String node);

    @SqlQuery("""
            SELECT p.node, p.fingerprint, p.public_key, 'ACCEPTED' AS state, NULL AS first_seen, 'preseeded' AS decided_by,
                   NULL AS decided_at, NULL AS decision_offset
            FROM preseeded_node_key p
            WHERE NOT EXISTS (SELECT 1 FROM node_key k
                              WHERE k.node = p.node AND k.fingerprint = p.fingerprint AND k.state <> 'PENDING')""")
    List<NodeKeyRow> allPreseeded();

    @SqlUpdate("""
            MERGE INTO preseeded_node_key (node, fingerprint, public_key) KEY (node, fingerprint)
            VALUES (:node, :fingerprint, :publicKey)""")
    void preseed(String node, String fingerprint, String publicKey);

    @SqlUpdate("""
            INSERT INTO node_key (node, fingerprint, public_key, state, first_seen)
            SELECT :node, :fingerprint, :publicKey, 'PENDING', :at
            WHERE NOT EXISTS (SELECT 1 FROM node_key WHERE node = :node AND fingerprint = :fingerprint)""")
    int insertPending(String node, String fingerprint, String publicKey, Instant at);

    @SqlUpdate("""
            UPDATE node_key SET first_seen = :at
            WHERE node = :node AND fingerprint = :fingerprint AND (first_seen IS NULL OR first_seen > :at)""")
    void seenAt(String node, String fingerprint, Instant at);

    @SqlUpdate("""
            MERGE INTO node_key (node, fingerprint, public_key, state, first_seen, decided_by, decided_at, decision_offset)
            KEY (node, fingerprint)
            VALUES (:node, :fingerprint, :publicKey, :state,
                    (SELECT k.first_seen FROM node_key k WHERE k.node = :node AND k.fingerprint = :fingerprint),
                    :decidedBy, :decidedAt, :decisionOffset)""")
    void decide(String node, String fingerprint, String publicKey, KeyState state, String decidedBy, Instant decidedAt,
                long decisionOffset);

    @SqlUpdate("""
            MERGE INTO quarantined_record (topic, partition_no, record_offset, kind, node, command_id, subcluster, host,
                                           key_fingerprint, reason, status, output, seen_at, record_bytes)
            KEY (topic, partition_no, record_offset)
            VALUES (:topic, :partitionNo, :recordOffset, :kind, :node, :commandId, :subcluster, :host, :keyFingerprint, :reason, :status,
                    :output, :seenAt, :recordBytes)""")
    void saveQuarantined(@org.jdbi.v3.sqlobject.customizer.BindMethods QuarantinedRow row);

    /** Keeps {@code row} out of every view, and says so once. */
    default void quarantine(QuarantinedRow row) {
        saveQuarantined(row);
        if (QuarantinedRow.LEDGER.equals(row.kind())) {
            Quarantine.LOG.info("quarantined a ledger record not from the manager commandId={} topic={} partition={} "
                    + "offset={}: {}", row.commandId(), row.topic(), row.partitionNo(), row.recordOffset(), row.reason());
            return;
        }
        Quarantine.LOG.info("quarantined a {} record commandId={} node={} topic={} partition={} offset={}: {}",
                row.kind().toLowerCase(java.util.Locale.ROOT), row.commandId(), row.node(), row.topic(), row.partitionNo(),
                row.recordOffset(), row.reason());
    }

    @SqlQuery("""
            SELECT topic, partition_no, record_offset, kind, node, command_id, subcluster, host, key_fingerprint, reason, status, output,
                   seen_at, record_bytes
            FROM quarantined_record WHERE node = :node
            ORDER BY topic, partition_no, record_offset""")
    List<QuarantinedRow> quarantinedOf(String node);

    @SqlQuery("""
            SELECT topic, partition_no, record_offset, kind, node, command_id, subcluster, host, key_fingerprint, reason, status, output,
                   seen_at, record_bytes
            FROM quarantined_record WHERE command_id = :commandId AND kind <> 'LEDGER'
            ORDER BY topic, partition_no, record_offset""")
    List<QuarantinedRow> quarantinedFor(UUID commandId);

    @SqlQuery("""
            SELECT topic, partition_no, record_offset, kind, node, command_id, subcluster, host, key_fingerprint, reason, status, output,
                   seen_at, record_bytes
            FROM quarantined_record WHERE kind = 'LEDGER' AND record_offset = :offset""")
    Optional<QuarantinedRow> quarantinedLedger(long offset);

    @SqlQuery("SELECT COUNT(*) FROM quarantined_record")
    long quarantinedCount();

    /** The records quarantined because a name in them breaks the rule, oldest first per topic. */
    @SqlQuery("""
            SELECT topic, partition_no, record_offset, kind, node, command_id, subcluster, host, key_fingerprint, reason, status, output,
                   seen_at, record_bytes
            FROM quarantined_record WHERE status = 'MISNAMED'
            ORDER BY topic, partition_no, record_offset""")
    List<QuarantinedRow> misnamed();

    @SqlUpdate("UPDATE quarantined_record SET reason = :reason WHERE topic = :topic AND partition_no = :partitionNo AND record_offset = :recordOffset")
    void rereason(String topic, int partitionNo, long recordOffset, String reason);

    @SqlUpdate("DELETE FROM quarantined_record WHERE topic = :topic AND partition_no = :partitionNo AND record_offset = :recordOffset")
    void release(String topic, int partitionNo, long recordOffset);

    /** Every key on file for {@code node} by fingerprint; a preseeded key counts as accepted until the ledger decides. */
    default java.util.Map<String, NodeKeyRow> keysByFingerprint(String node) {
        java.util.Map<String, NodeKeyRow> byFingerprint = new java.util.LinkedHashMap<>();
        keysOf(node).forEach(k -> byFingerprint.put(k.fingerprint(), k));
        preseededOf(node).forEach(k -> byFingerprint.put(k.fingerprint(), k));
        return byFingerprint;
    }

    /**
     * Why a record signed with {@code seal} must not count as {@code node}'s, or empty when one of the node's
     * accepted keys signed it. The reason names the accepted key(s) so an operator sees whose it should have been.
     */
    default Optional<String> refusal(String node, Seal seal, SignedBy signedBy) {
        List<NodeKeyRow> keys = List.copyOf(keysByFingerprint(node).values());
        List<String> accepted = keys.stream().filter(k -> k.state() == KeyState.ACCEPTED).map(NodeKeyRow::fingerprint)
                .collect(Collectors.toList());
        String whose = accepted.isEmpty() ? "node " + node + " has no accepted key"
                : "not signed by node " + node + "'s accepted key " + String.join(", ", accepted);
        if (!seal.isSigned()) {
            return Optional.of("unsigned: " + whose);
        }
        Optional<NodeKeyRow> named = keys.stream().filter(k -> k.fingerprint().equals(seal.keyFingerprint())).findFirst();
        if (named.isEmpty()) {
            return Optional.of(whose + " (signed by unknown key " + seal.keyFingerprint() + ")");
        }
        NodeKeyRow key = named.get();
        if (key.state() == KeyState.PENDING) {
            return Optional.of("key pending: " + key.fingerprint() + " of node " + node + " is not accepted yet (node accept "
                    + node + ")");
        }
        if (key.state() == KeyState.REJECTED) {
            return Optional.of("key rejected: " + key.fingerprint() + " of node " + node + " was rejected by "
                    + key.decidedBy());
        }
        if (!signedBy.test(KeyFiles.parsePublic(key.publicKey()))) {
            return Optional.of("signature does not verify with node " + node + "'s accepted key " + key.fingerprint());
        }
        return Optional.empty();
    }
}
