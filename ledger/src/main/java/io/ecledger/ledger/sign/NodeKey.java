package io.ecledger.ledger.sign;

import io.ecledger.ledger.event.Hash;
import io.ecledger.ledger.event.Seal;
import java.nio.file.Path;
import java.security.PublicKey;

/**
 * A node agent's Ed25519 key pair, kept in the agent's state directory as {@value #PRIVATE_FILE}
 * (mode 0600) and {@value #PUBLIC_FILE}: it signs the agent's responses and membership records,
 * and the manager trusts them once an operator accepts it ({@code node accept}).
 */
public final class NodeKey {

    /** The private key's file name in the state directory. */
    public static final String PRIVATE_FILE = "node-key.pem";
    /** The public key's file name beside it. */
    public static final String PUBLIC_FILE = "node-key.pub.pem";

    private static final KeyPairFiles.Kind KIND = new KeyPairFiles.Kind("node key", PRIVATE_FILE, PUBLIC_FILE);

    private final KeyPairFiles pair;

    private NodeKey(KeyPairFiles pair) {
        this.pair = pair;
    }

    /** A fresh key held only in memory (tests, simulated clusters). */
    public static NodeKey generate() {
        return new NodeKey(KeyPairFiles.generate());
    }

    /** The key in {@code stateDirectory}, made there first if it has none. */
    public static NodeKey loadOrCreate(Path stateDirectory) {
        return new NodeKey(KeyPairFiles.loadOrCreate(KIND, stateDirectory));
    }

    /** The public half. */
    public PublicKey publicKey() {
        return pair.publicKey;
    }

    /** The public half as one line of base64, as {@code NodeAnnounced} carries it. */
    public String publicBase64() {
        return KeyFiles.publicBase64(pair.publicKey);
    }

    /** The fingerprint of the public half. */
    public KeyFingerprint fingerprint() {
        return pair.fingerprint;
    }

    /** The seal a node record carries before it is hashed: the key named, no signature yet. */
    public Seal pending() {
        return Seal.pending(pair.fingerprint.value());
    }

    /** The seal of a node record whose hash is {@code hash}. */
    public Seal seal(Hash hash) {
        return Seal.of(pair.fingerprint.value(), pair.sign(hash.bytes()));
    }

    /** Whether {@code seal} is {@code key}'s signature over {@code hash}. */
    public static boolean verifies(PublicKey key, Hash hash, Seal seal) {
        return seal.isSigned() && KeyPairFiles.verifies(key, hash.bytes(), seal.signature());
    }
}
