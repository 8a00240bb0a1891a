package io.ecledger.api.nodekeys;

import io.ecledger.api.http.Refused;
import io.ecledger.api.projection.KeyState;
import io.ecledger.api.projection.NodeKeyDao;
import io.ecledger.api.projection.NodeKeyRow;
import io.ecledger.api.projection.Projection;
import io.ecledger.ledger.command.Origin;
import io.ecledger.ledger.event.NodeKeyDecided;
import io.ecledger.ledger.kafka.Ledger;
import io.ecledger.ledger.kafka.LedgerEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code node keys}, {@code node accept}, {@code node reject}: each decision a {@link NodeKeyDecided} on the ledger. */
public final class NodeKeyService {

    private static final Logger LOG = LoggerFactory.getLogger(NodeKeyService.class);
    // as for commands: long enough for a busy projection, short enough that a stuck one does not hang a console
    private static final Duration READ_YOUR_WRITES = Duration.ofSeconds(5);

    private final Jdbi jdbi;
    private final Ledger ledger;
    private final Projection projection;

    public NodeKeyService(Jdbi jdbi, Ledger ledger, Projection projection) {
        this.jdbi = jdbi;
        this.ledger = ledger;
        this.projection = projection;
    }

    /**
     * Records {@code keys} (node to public key) as preseeded; a key that does not parse fails start-up naming the node.
     * Run before the projection starts, so no record is judged without them.
     */
    public void preseed(Map<String, String> keys) {
        keys.forEach((node, text) -> {
            java.security.PublicKey key;
            try {
                key = io.ecledger.ledger.sign.KeyFiles.parsePublic(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("nodes.preseededKeys." + node + ": " + e.getMessage(), e);
            }
            String fingerprint = io.ecledger.ledger.sign.KeyFingerprint.of(key).value();
            jdbi.useExtension(NodeKeyDao.class, dao -> dao.preseed(node, fingerprint,
                    io.ecledger.ledger.sign.KeyFiles.publicBase64(key)));
            LOG.info("preseeded the key of node={} fingerprint={}", node, fingerprint);
        });
    }

    /** Every key, by node then fingerprint, preseeded ones among the accepted. */
    public List<NodeKeyView> keys() {
        return jdbi.withExtension(NodeKeyDao.class, dao -> {
            List<NodeKeyRow> rows = new ArrayList<>(dao.keys());
            rows.removeIf(k -> k.state() == KeyState.PENDING && !dao.preseededOf(k.node()).stream()
                    .filter(p -> p.fingerprint().equals(k.fingerprint())).toList().isEmpty());
            rows.addAll(dao.allPreseeded());
            rows.sort(java.util.Comparator.comparing(NodeKeyRow::node).thenComparing(NodeKeyRow::fingerprint));
            return rows.stream().map(NodeKeyView::of).toList();
        });
    }

    /** How many records are quarantined now (the {@code ecledger.node-keys.quarantined} gauge). */
    public long quarantinedCount() {
        return jdbi.withExtension(NodeKeyDao.class, NodeKeyDao::quarantinedCount);
    }

    /** Accepts the pending key of {@code node}, or of every node when {@code node} is {@code --all}; the decisions made. */
    public List<NodeKeyView> accept(String actor, Origin origin, String node) {
        List<NodeKeyRow> pending = pending();
        List<NodeKeyRow> chosen;
        if ("--all".equals(node)) {
            Map<String, List<NodeKeyRow>> byNode = pending.stream().collect(Collectors.groupingBy(NodeKeyRow::node));
            chosen = new ArrayList<>();
            byNode.values().stream().filter(keys -> keys.size() == 1).forEach(chosen::addAll);
        } else {
            chosen = pending.stream().filter(k -> k.node().equals(node)).toList();
            if (chosen.isEmpty()) {
                throw new Refused("no-pending-key", "node " + node + " has no pending key (node keys lists them)");
            }
            if (chosen.size() > 1) {
                // two keys claim one node: one of them is not that node; an operator compares fingerprints first
                throw new Refused("several-pending-keys", "node " + node + " has " + chosen.size() + " pending keys ("
                        + chosen.stream().map(NodeKeyRow::fingerprint).collect(Collectors.joining(", "))
                        + "); reject the ones that are not " + node + "'s first");
            }
        }
        return decide(actor, origin, chosen, NodeKeyDecided.Decision.ACCEPTED);
    }

    /** Rejects every key of {@code node} that is not rejected yet; the decisions made. */
    public List<NodeKeyView> reject(String actor, Origin origin, String node) {
        List<NodeKeyRow> keys = jdbi.withExtension(NodeKeyDao.class, dao -> dao.keysOf(node)).stream()
                .filter(k -> k.state() != KeyState.REJECTED).toList();
        if (keys.isEmpty()) {
            throw new Refused("no-key", "node " + node + " has no key to reject (node keys lists them)");
        }
        return decide(actor, origin, keys, NodeKeyDecided.Decision.REJECTED);
    }

    /** Pending keys, oldest node first. */
    List<NodeKeyRow> pending() {
        return jdbi.withExtension(NodeKeyDao.class, NodeKeyDao::keys).stream()
                .filter(k -> k.state() == KeyState.PENDING).toList();
    }

    /** Whether {@code node} has an accepted key (on the ledger or preseeded). */
    boolean hasAcceptedKey(String node) {
        return jdbi.withExtension(NodeKeyDao.class, dao -> dao.keysOf(node).stream().anyMatch(k -> k.state() == KeyState.ACCEPTED)
                || !dao.preseededOf(node).isEmpty());
    }

    List<NodeKeyView> decide(String actor, Origin origin, List<NodeKeyRow> keys, NodeKeyDecided.Decision decision) {
        long last = -1;
        // one append each, sharing transactions: a fleet of a thousand joining is accepted in a few commits
        List<LedgerEntry> appended = ledger.appendAll(actor, origin, keys.stream()
                .map(key -> new NodeKeyDecided(key.node(), key.fingerprint(), key.publicKey(), decision)).toList());
        for (int i = 0; i < keys.size(); i++) {
            last = appended.get(i).offset();
            LOG.info("node key {} node={} fingerprint={} actor={} offset={}", decision.name().toLowerCase(java.util.Locale.ROOT),
                    keys.get(i).node(), keys.get(i).fingerprint(), actor, last);
        }
        if (last >= 0) {
            projection.awaitLedger(last, READ_YOUR_WRITES);
        }
        List<String> decided = keys.stream().map(k -> k.node() + " " + k.fingerprint()).toList();
        return keys().stream().filter(v -> decided.contains(v.node() + " " + v.fingerprint())).toList();
    }
}
