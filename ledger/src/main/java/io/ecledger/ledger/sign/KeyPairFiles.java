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
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Ed25519 key pair kept as two PEM files in a directory, the private one mode 0600: made on first
 * start, loaded after, never silently replaced. What the manager key and each node key are stored as.
 */
final class KeyPairFiles {

    private static final Logger LOG = LoggerFactory.getLogger(KeyPairFiles.class);
    // SubjectPublicKeyInfo { AlgorithmIdentifier { 1.3.101.112 }, BIT STRING of 32 bytes } (RFC 8410)
    private static final byte[] X509_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    /** Which key this is ("manager key", "node key") and its two file names. */
    record Kind(String what, String privateFile, String publicFile) {}

    final PrivateKey privateKey;
    final PublicKey publicKey;
    final KeyFingerprint fingerprint;
    // the raw RFC 8032 halves Bouncy Castle signs with: Ed25519 is deterministic, so its signatures are the JDK's
    // byte for byte, made about ten times faster (ops/bench SigningBench); the JDK keys stay for the PEM files
    private final byte[] seed;
    private final byte[] rawPublic;

    private KeyPairFiles(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.fingerprint = KeyFingerprint.of(publicKey);
        this.seed = seed(privateKey);
        this.rawPublic = rawPublic(publicKey);
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
        byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
        Ed25519.sign(seed, 0, rawPublic, 0, message, 0, message.length, signature, 0);
        return signature;
    }

    /**
     * Remembers {@code signature}, just made over {@code message} by this key, as verified in this process: sound,
     * since Ed25519 signatures made with the private half always verify under the public half.
     */
    void remember(byte[] message, byte[] signature) {
        VerifiedSignatures.ofThisProcess().add(rawPublic, message, signature);
    }

    /** Verifies signatures by one public key, its point decoded once rather than for every signature. */
    static final class Verifier {

        private final byte[] raw;
        // null when the encoding is no point of the curve: then nothing verifies
        private final Ed25519.PublicPoint point;
        private final VerifiedSignatures remembered;

        Verifier(PublicKey key) {
            this(key, VerifiedSignatures.ofThisProcess());
        }

        Verifier(PublicKey key, VerifiedSignatures remembered) {
            this.raw = rawPublic(key);
            this.point = Ed25519.validatePublicKeyPartialExport(raw, 0);
            this.remembered = remembered;
        }

        /** Whether {@code signature} is this key's over {@code message}; a malformed one simply does not verify. */
        boolean verifies(byte[] message, byte[] signature) {
            if (point == null || signature == null || signature.length != Ed25519.SIGNATURE_SIZE) {
                return false;
            }
            return remembered.verifies(raw, message, signature,
                    () -> Ed25519.verify(signature, 0, point, message, 0, message.length));
        }
    }

    /** The 32-byte private seed of an Ed25519 key, as RFC 8032 and PKCS#8 both hold it. */
    private static byte[] seed(PrivateKey key) {
        if (!(key instanceof EdECPrivateKey)) {
            throw new IllegalArgumentException("not an Ed25519 private key: " + key.getAlgorithm());
        }
        return ((EdECPrivateKey) key).getBytes()
                .orElseThrow(() -> new IllegalArgumentException("the Ed25519 private key does not reveal its seed"));
    }

    /** The 32-byte RFC 8032 encoding of an Ed25519 public key: the tail of its X.509 encoding, whose prefix is fixed. */
    static byte[] rawPublic(PublicKey key) {
        byte[] encoded = key.getEncoded();
        if (encoded.length != X509_PREFIX.length + Ed25519.PUBLIC_KEY_SIZE
                || !Arrays.equals(encoded, 0, X509_PREFIX.length, X509_PREFIX, 0, X509_PREFIX.length)) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + key.getAlgorithm());
        }
        return Arrays.copyOfRange(encoded, X509_PREFIX.length, encoded.length);
    }

    /** Whether {@code signature} is {@code key}'s over {@code message}; a malformed signature simply does not verify. */
    static boolean verifies(PublicKey key, byte[] message, byte[] signature) {
        return new Verifier(key).verifies(message, signature);
    }

    private boolean matches() {
        byte[] probe = new byte[Hash.LENGTH];
        return verifies(publicKey, probe, sign(probe));
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
