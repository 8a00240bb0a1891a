package io.ecledger.ledger.sign;

import io.ecledger.ledger.event.Hash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.InvalidKeyException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Ed25519 key pair kept as two PEM files in a directory, the private one mode 0600: made on first
 * start, loaded after, never silently replaced. What the manager key and each node key are stored as.
 */
final class KeyPairFiles {

    private static final Logger LOG = LoggerFactory.getLogger(KeyPairFiles.class);

    /** Which key this is ("manager key", "node key") and its two file names. */
    record Kind(String what, String privateFile, String publicFile) {}

    final PrivateKey privateKey;
    final PublicKey publicKey;
    final KeyFingerprint fingerprint;
    // a Signature is not thread-safe; each thread keeps one initialised with the key, as sign() leaves it ready for the
    // next message (getInstance + initSign each time cost ~10% of a ~0.8 ms signature on 2 busy cores, SigningBench)
    private final ThreadLocal<Signature> signers = ThreadLocal.withInitial(this::newSigner);

    private KeyPairFiles(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.fingerprint = KeyFingerprint.of(publicKey);
    }

    static KeyPairFiles generate() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance(KeyFiles.ALGORITHM).generateKeyPair();
            return new KeyPairFiles(pair.getPrivate(), pair.getPublic());
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("Java 15 and later have Ed25519", e);
        }
    }

    static KeyPairFiles loadOrCreate(Kind kind, Path directory) {
        Path privateFile = directory.resolve(kind.privateFile());
        if (Files.exists(privateFile)) {
            KeyPairFiles key = load(kind, directory);
            LOG.info("loaded the {} fingerprint={} file={}", kind.what(), key.fingerprint, privateFile);
            return key;
        }
        KeyPairFiles key = generate();
        key.save(kind, directory);
        LOG.info("made the {} fingerprint={} file={}", kind.what(), key.fingerprint, privateFile);
        return key;
    }

    static KeyPairFiles load(Kind kind, Path directory) {
        Path privateFile = directory.resolve(kind.privateFile());
        PrivateKey privateKey;
        try {
            privateKey = KeyFiles.parsePrivate(Files.readString(privateFile, StandardCharsets.US_ASCII));
        } catch (NoSuchFileException e) {
            throw new ManagerKeyException(privateFile, "no " + kind.what() + " at " + privateFile, e);
        } catch (IOException | IllegalArgumentException e) {
            throw new ManagerKeyException(privateFile, "cannot read the " + kind.what() + " " + privateFile + ": "
                    + e.getMessage() + " (restore it from a backup; deleting it makes a new key that "
                    + ("manager key".equals(kind.what()) ? "agents" : "the manager") + " will not trust)", e);
        }
        Path publicFile = directory.resolve(kind.publicFile());
        KeyPairFiles key = new KeyPairFiles(privateKey, readPublic(publicFile));
        if (!key.matches()) {
            throw new ManagerKeyException(publicFile, publicFile + " is not the public half of " + privateFile, null);
        }
        return key;
    }

    static PublicKey readPublic(Path file) {
        try {
            return KeyFiles.parsePublic(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (NoSuchFileException e) {
            throw new ManagerKeyException(file, "no public key at " + file, e);
        } catch (IOException | IllegalArgumentException e) {
            throw new ManagerKeyException(file, "cannot read the public key " + file + ": " + e.getMessage(), e);
        }
    }

    byte[] sign(byte[] message) {
        Signature signature = signers.get();
        try {
            signature.update(message);
            return signature.sign();
        } catch (SignatureException e) {
            // its state after a failure is not promised: the next signature starts from a fresh one
            signers.remove();
            throw new IllegalStateException("the key " + fingerprint + " cannot sign: " + e.getMessage(), e);
        }
    }

    private Signature newSigner() {
        try {
            Signature signature = Signature.getInstance(KeyFiles.ALGORITHM);
            signature.initSign(privateKey);
            return signature;
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("Java 15 and later have Ed25519", e);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("the key " + fingerprint + " cannot sign: " + e.getMessage(), e);
        }
    }

    /** Verifies signatures by one public key, each thread with a {@link Signature} initialised once. */
    static final class Verifier {

        private final PublicKey key;
        // verify() leaves a Signature ready for the next message; getInstance + initVerify each time cost ~10% of a
        // ~1 ms Ed25519 verification on 2 busy cores (ops/bench SigningBench)
        private final ThreadLocal<Signature> verifiers = ThreadLocal.withInitial(this::newVerifier);

        Verifier(PublicKey key) {
            this.key = key;
        }

        /** Whether {@code signature} is this key's over {@code message}; a malformed one simply does not verify. */
        boolean verifies(byte[] message, byte[] signature) {
            Signature verifier = verifiers.get();
            try {
                verifier.update(message);
                return verifier.verify(signature);
            } catch (SignatureException e) {
                // the next record starts from a fresh Signature, as this one's state after the failure is not promised
                verifiers.remove();
                return false;
            }
        }

        private Signature newVerifier() {
            try {
                Signature verifier = Signature.getInstance(KeyFiles.ALGORITHM);
                verifier.initVerify(key);
                return verifier;
            } catch (NoSuchAlgorithmException e) {
                throw new AssertionError("Java 15 and later have Ed25519", e);
            } catch (InvalidKeyException e) {
                throw new IllegalStateException("the key " + KeyFingerprint.of(key) + " cannot verify: " + e.getMessage(), e);
            }
        }
    }

    /** Whether {@code signature} is {@code key}'s over {@code message}; a malformed signature simply does not verify. */
    static boolean verifies(PublicKey key, byte[] message, byte[] signature) {
        return new Verifier(key).verifies(message, signature);
    }

    private boolean matches() {
        byte[] probe = new byte[Hash.LENGTH];
        try {
            return verifies(publicKey, probe, sign(probe));
        } catch (IllegalStateException e) {
            return false;
        }
    }

    void save(Kind kind, Path directory) {
        Path privateFile = directory.resolve(kind.privateFile());
        try {
            Files.createDirectories(directory);
            // the file is 0600 from its creation, before any key byte is in it
            Files.createFile(privateFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(privateFile, KeyFiles.privatePem(privateKey), StandardCharsets.US_ASCII,
                    StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (FileAlreadyExistsException e) {
            throw new ManagerKeyException(privateFile, "another process made " + privateFile + " at the same time", e);
        } catch (IOException | UnsupportedOperationException e) {
            throw new ManagerKeyException(privateFile, "cannot write the " + kind.what() + " " + privateFile + ": " + e.getMessage(), e);
        }
        Path publicFile = directory.resolve(kind.publicFile());
        try {
            Files.writeString(publicFile, KeyFiles.publicPem(publicKey), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new ManagerKeyException(publicFile, "cannot write the public key " + publicFile + ": " + e.getMessage(), e);
        }
    }
}
