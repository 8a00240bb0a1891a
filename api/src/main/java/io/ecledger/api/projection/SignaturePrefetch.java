package io.ecledger.api.projection;

import io.ecledger.ledger.codec.UndecodableRecordException;
import io.ecledger.ledger.event.Seal;
import io.ecledger.ledger.sign.KeyFiles;
import io.ecledger.ledger.sign.NodeRecords;
import io.ecledger.ledger.sign.VerifiedSignatures;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Checks the node signatures of a batch on several threads before the batch is applied. It decides nothing: each
 * signature that verifies is remembered by the process ({@link VerifiedSignatures}), so the one thread that applies
 * the batch, which still picks the key and judges every record in order, finds it verified instead of verifying it
 * again. A node's answer costs one Ed25519 verification, most of what applying it costs; in a process that does not
 * remember verifications this does nothing.
 */
final class SignaturePrefetch {

    // below this many signatures the hand-off costs more than it saves
    private static final int SMALLEST_BATCH = 8;

    private final Jdbi jdbi;
    private final int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
    // idle threads end after a while, so a manager that is not busy holds none; beyond the last thread the caller runs
    private final ThreadPoolExecutor pool = new ThreadPoolExecutor(0, threads, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), runnable -> {
                Thread thread = new Thread(runnable, "projection-signatures");
                thread.setDaemon(true);
                return thread;
            }, new ThreadPoolExecutor.CallerRunsPolicy());
    // the node keys seen, by their base64 text: parsed once (as many as keys were ever on file, not growing with the ledger)
    private final Map<String, PublicKey> parsed = new ConcurrentHashMap<>();

    SignaturePrefetch(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Verifies, ahead of applying them, the signatures of {@code batch}'s answers and membership records; how many
     * verified (0 when the process does not remember verifications or the batch is too small to be worth it).
     */
    int prefetch(List<ProjectedRecord> batch) {
        if (!VerifiedSignatures.rememberingInThisProcess()) {
            return 0;
        }
        List<BooleanSupplier> checks = checks(batch);
        if (checks.size() < SMALLEST_BATCH) {
            return 0;
        }
        int slice = (checks.size() + threads - 1) / threads;
        List<Future<Integer>> running = new ArrayList<>();
        for (int from = 0; from < checks.size(); from += slice) {
            List<BooleanSupplier> part = checks.subList(from, Math.min(checks.size(), from + slice));
            running.add(pool.submit(() -> (int) part.stream().filter(BooleanSupplier::getAsBoolean).count()));
        }
        int verified = 0;
        for (Future<Integer> each : running) {
            try {
                verified += each.get();
            } catch (ExecutionException e) {
                // a check that failed only means the applying thread verifies those records itself
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return verified;
            }
        }
        return verified;
    }

    // one check per signed node record whose key the node has (or had) on file
    private List<BooleanSupplier> checks(List<ProjectedRecord> batch) {
        Map<String, Map<String, String>> keysByNode = new HashMap<>();
        List<BooleanSupplier> checks = new ArrayList<>();
        for (ProjectedRecord record : batch) {
            if (record instanceof ProjectedRecord.ResponseRecord response) {
                Seal seal = response.response().seal();
                key(keysByNode, response.response().node(), seal).ifPresent(key -> checks.add(() -> {
                    try {
                        return NodeRecords.responseSignedBy(response.source().encoded(), seal, key);
                    } catch (UndecodableRecordException e) {
                        // the applying thread refuses it
                        return false;
                    }
                }));
            } else if (record instanceof ProjectedRecord.MembershipRecord membership) {
                Seal seal = membership.event().seal();
                key(keysByNode, membership.event().identity().node(), seal).ifPresent(key -> checks.add(() -> {
                    try {
                        return NodeRecords.membershipSignedBy(membership.source().encoded(), seal, key);
                    } catch (UndecodableRecordException e) {
                        return false;
                    }
                }));
            }
        }
        return checks;
    }

    private Optional<PublicKey> key(Map<String, Map<String, String>> keysByNode, String node, Seal seal) {
        if (!seal.isSigned()) {
            return Optional.empty();
        }
        Map<String, String> keys = keysByNode.computeIfAbsent(node, this::keysOf);
        String text = keys.get(seal.keyFingerprint());
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(parsed.computeIfAbsent(text, KeyFiles::parsePublic));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    // fingerprint -> public key text of every key on file for the node, whatever its state; none when H2 cannot
    // say, and then the applying thread meets the same trouble and handles it
    private Map<String, String> keysOf(String node) {
        try {
            Map<String, String> keys = new HashMap<>();
            jdbi.withExtension(NodeKeyDao.class, dao -> dao.keysByFingerprint(node))
                    .forEach((fingerprint, key) -> keys.put(fingerprint, key.publicKey()));
            return keys;
        } catch (JdbiException e) {
            return Map.of();
        }
    }
}
