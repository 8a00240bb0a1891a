package io.ecledger.ledger.sign;

import io.ecledger.ledger.event.Hash;
import io.ecledger.ledger.event.Seal;
import java.nio.file.Path;
import java.security.PublicKey;

/**
 * The manager's Ed25519 key pair, kept in its data directory as {@value #PRIVATE_FILE} (mode
 * 0600) and {@value #PUBLIC_FILE}. Made on first start; never silently replaced.
 */
public final class ManagerKey implements Signer {

    /** The private key's file name in the data directory. */
    public static final String PRIVATE_FILE = "manager-key.pem";
    /** The public key's file name beside it. */
    public static final String PUBLIC_FILE = "manager-key.pub.pem";

    private static final KeyPairFiles.Kind KIND = new KeyPairFiles.Kind("manager key", PRIVATE_FILE, PUBLIC_FILE);

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
        return Seal.of(pair.fingerprint.value(), pair.sign(hash.bytes()));
    }
}
