package io.ecledger.api.keys;

import io.ecledger.ledger.command.Origin;
import io.ecledger.ledger.kafka.Ledger;
import io.ecledger.ledger.sign.CurrentManagerKey;
import io.ecledger.ledger.sign.KeyFingerprint;
import io.ecledger.ledger.sign.ManagerKey;
import java.nio.file.Path;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ecledger key rotate}, inside the running manager, the only process that holds the private key and the only
 * ledger writer: makes a new key, appends {@code KeyRotated} naming it signed by the old key, and from the next
 * append on signs with the new key, which it then keeps in the data directory (the old one retired beside it).
 */
public final class ManagerKeyRotation {

    private static final Logger LOG = LoggerFactory.getLogger(ManagerKeyRotation.class);

    private final Ledger ledger;
    private final CurrentManagerKey signer;
    private final Path dataDirectory;

    /** Rotates the key {@code signer} holds, which seals what {@code ledger} appends, kept in {@code dataDirectory}. */
    public ManagerKeyRotation(Ledger ledger, CurrentManagerKey signer, Path dataDirectory) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory");
    }

    /** Rotates to a fresh key on behalf of {@code actor}; returns the ledger offset of the {@code KeyRotated} event. */
    public synchronized long rotate(String actor) {
        ManagerKey next = ManagerKey.generate();
        KeyFingerprint old = signer.fingerprint();
        // on disk first: once the ledger names the new key, losing it would leave no key the agents trust
        next.saveAsNext(dataDirectory);
        long offset;
        try {
            // Ledger.appendAsync names the key, hashes and signs under the Ledger's own monitor; holding it until the
            // switch keeps every other append out, so no event after the KeyRotated is signed by the old key
            synchronized (ledger) {
                offset = ledger.append(actor, Origin.SYSTEM, next.rotationToThis());
                signer.switchTo(next, offset);
            }
        } catch (RuntimeException e) {
            ManagerKey.discardNext(dataDirectory);
            throw e;
        }
        ManagerKey.promoteNext(dataDirectory, offset);
        LOG.info("manager key rotated offset={} actor={} from={} to={}", offset, actor, old, next.fingerprint());
        return offset;
    }
}
