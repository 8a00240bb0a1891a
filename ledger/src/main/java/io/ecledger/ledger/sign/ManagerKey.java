package io.ecledger.ledger.sign;

import io.ecledger.ledger.codec.HashedEvent;
import io.ecledger.ledger.event.Hash;
import io.ecledger.ledger.event.KeyRotated;
import io.ecledger.ledger.event.Seal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.PublicKey;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * The manager's Ed25519 key pair, kept in its data directory as {@value #PRIVATE_FILE} (mode
 * 0600) and {@value #PUBLIC_FILE}. Made on first start; never silently replaced.
 */
public final class ManagerKey implements Signer {

    /** The private key's file name in the data directory. */
    public static final String PRIVATE_FILE = "manager-key.pem";
    /** The public key's file name beside it. */
    public static final String PUBLIC_FILE = "manager-key.pub.pem";
    /** A rotation's new private key before the ledger has been handed to it. */
    public static final String NEXT_PRIVATE_FILE = "manager-key.next.pem";
    /** Its public half. */
    public static final String NEXT_PUBLIC_FILE = "manager-key.next.pub.pem";
    // manager-key.retired-<offset>.pem: the key a rotation at that ledger offset retired, kept to audit old events
    private static final String RETIRED_PREFIX = "manager-key.retired-";

    private static final KeyPairFiles.Kind KIND = new KeyPairFiles.Kind("manager key", PRIVATE_FILE, PUBLIC_FILE);
    private static final KeyPairFiles.Kind NEXT = new KeyPairFiles.Kind("manager key", NEXT_PRIVATE_FILE, NEXT_PUBLIC_FILE);

    private final KeyPairFiles pair;

    private ManagerKey(KeyPairFiles pair) {
        this.pair = pair;
    }

    /** A fresh key held only in memory (tests, benchmarks). */
    public static ManagerKey generate() {
        return new ManagerKey(KeyPairFiles.generate());
    }

    /** The key in {@code directory}, made there first if it has none. */
    public static ManagerKey loadOrCreate(Path directory) {
        Path next = directory.resolve(NEXT_PRIVATE_FILE);
        if (Files.exists(next)) {
            // the manager stopped between appending a KeyRotated and taking the new key: only the ledger can tell
            throw new ManagerKeyException(next, "a key rotation was interrupted: " + next + " is there. If the ledger's "
                    + "last KeyRotated (ecledger export) names its fingerprint, rename it and its .pub.pem over "
                    + PRIVATE_FILE + " and " + PUBLIC_FILE + " (keep the old ones as " + RETIRED_PREFIX
                    + "OFFSET.pem); otherwise delete both next files", null);
        }
        return new ManagerKey(KeyPairFiles.loadOrCreate(KIND, directory));
    }

    /** The key already in {@code directory}; fails naming the file when it is missing or unreadable. */
    public static ManagerKey load(Path directory) {
        return new ManagerKey(KeyPairFiles.load(KIND, directory));
    }

    /** The public key in a PEM (or bare base64) file, as {@code ecledger key show} and agents read it. */
    public static PublicKey readPublic(Path file) {
        return KeyPairFiles.readPublic(file);
    }

    /** The ledger payload that hands the ledger over to this key, to be signed by the key it replaces. */
    public KeyRotated rotationToThis() {
        return new KeyRotated(pair.fingerprint.value(), KeyFiles.publicBase64(pair.publicKey));
    }

    /** The public half. */
    public PublicKey publicKey() {
        return pair.publicKey;
    }

    @Override
    public KeyFingerprint fingerprint() {
        return pair.fingerprint;
    }

    @Override
    public Seal seal(Hash hash) {
        byte[] message = hash.bytes();
        byte[] signature = pair.sign(message);
        // the manager's own readers of the ledger (projection, chain monitor) then need not verify what it just signed
        pair.remember(message, signature);
        return Seal.of(pair.fingerprint.value(), signature);
    }

    @Override
    public boolean sealed(HashedEvent hashed) {
        return new SignatureCheck(pair.publicKey).check(hashed).verified();
    }

    /** Writes this key as a rotation's next key, beside the current one, before the ledger is handed to it. */
    public void saveAsNext(Path directory) {
        pair.save(NEXT, directory);
    }

    /** Forgets a next key whose rotation did not reach the ledger. */
    public static void discardNext(Path directory) {
        try {
            Files.deleteIfExists(directory.resolve(NEXT_PRIVATE_FILE));
            Files.deleteIfExists(directory.resolve(NEXT_PUBLIC_FILE));
        } catch (IOException e) {
            throw new ManagerKeyException(directory.resolve(NEXT_PRIVATE_FILE), "cannot delete " + NEXT_PRIVATE_FILE + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Makes the next key the current one once the ledger event at {@code offset} handed over to it: the current files
     * become {@code manager-key.retired-<offset>.pem} and {@code .pub.pem}, kept to check the events they signed.
     */
    public static void promoteNext(Path directory, long offset) {
        try {
            Files.move(directory.resolve(PRIVATE_FILE), directory.resolve(RETIRED_PREFIX + offset + ".pem"),
                    StandardCopyOption.ATOMIC_MOVE);
            Files.move(directory.resolve(PUBLIC_FILE), directory.resolve(RETIRED_PREFIX + offset + ".pub.pem"),
                    StandardCopyOption.ATOMIC_MOVE);
            Files.move(directory.resolve(NEXT_PUBLIC_FILE), directory.resolve(PUBLIC_FILE), StandardCopyOption.ATOMIC_MOVE);
            // the private key last: until it moves, a restart is told the rotation was interrupted
            Files.move(directory.resolve(NEXT_PRIVATE_FILE), directory.resolve(PRIVATE_FILE), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ManagerKeyException(directory.resolve(PRIVATE_FILE), "cannot take the rotated key in " + directory
                    + ": " + e.getMessage(), e);
        }
    }

    /** The ledger offset of the latest rotation whose retired key is kept in {@code directory}, if any. */
    public static OptionalLong rotatedAt(Path directory) {
        return retiredOffsets(directory).stream().mapToLong(Long::longValue).max();
    }

    /**
     * The public key that signed the ledger event at {@code offset}: the key a rotation at offset N retired signed
     * every event up to N (the {@code KeyRotated} at N included); after the last rotation, the current key.
     */
    public static PublicKey keyAt(Path directory, long offset) {
        OptionalLong retiredAt = retiredOffsets(directory).stream().mapToLong(Long::longValue).filter(n -> n >= offset).min();
        return retiredAt.isPresent()
                ? readPublic(directory.resolve(RETIRED_PREFIX + retiredAt.getAsLong() + ".pub.pem"))
                : readPublic(directory.resolve(PUBLIC_FILE));
    }

    private static List<Long> retiredOffsets(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.startsWith(RETIRED_PREFIX) && n.endsWith(".pub.pem"))
                    .map(n -> n.substring(RETIRED_PREFIX.length(), n.length() - ".pub.pem".length()))
                    .filter(n -> n.matches("\\d+"))
                    .map(Long::parseLong)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new ManagerKeyException(directory, "cannot list " + directory + ": " + e.getMessage(), e);
        }
    }

    /** The public keys rotations retired in {@code directory}, oldest first. */
    public static List<PublicKey> retiredPublicKeys(Path directory) {
        return retiredOffsets(directory).stream()
                .map(offset -> readPublic(directory.resolve(RETIRED_PREFIX + offset + ".pub.pem")))
                .toList();
    }
}
