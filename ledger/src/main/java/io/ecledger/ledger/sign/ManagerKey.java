package io.ecledger.ledger.sign;

import io.ecledger.ledger.codec.HashedEvent;
import io.ecledger.ledger.event.Hash;
import io.ecledger.ledger.event.KeyRotated;
import io.ecledger.ledger.event.Seal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The manager's Ed25519 key pair, kept in its data directory as {@value #PRIVATE_FILE} (mode
 * 0600) and {@value #PUBLIC_FILE}. Made on first start; never silently replaced.
 */
public final class ManagerKey implements Signer {

    private static final Logger LOG = LoggerFactory.getLogger(ManagerKey.class);

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

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final KeyFingerprint fingerprint;
    // a Signature is not thread-safe; each thread keeps one initialised with the key, since sign() leaves it ready for
    // the next message (getInstance + initSign each time cost ~10% of a ~0.8 ms signature on 2 busy cores, SigningBench)
    private final ThreadLocal<Signature> signatures = ThreadLocal.withInitial(this::newSignature);

    private ManagerKey(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.fingerprint = KeyFingerprint.of(publicKey);
    }

    /** A fresh key held only in memory (tests, benchmarks). */
    public static ManagerKey generate() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance(KeyFiles.ALGORITHM).generateKeyPair();
            return new ManagerKey(pair.getPrivate(), pair.getPublic());
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("Java 15 and later have Ed25519", e);
        }
    }

    /** The key in {@code directory}, made there first if it has none. */
    public static ManagerKey loadOrCreate(Path directory) {
        Path privateFile = directory.resolve(PRIVATE_FILE);
        Path next = directory.resolve(NEXT_PRIVATE_FILE);
        if (Files.exists(next)) {
            // the manager stopped between appending a KeyRotated and taking the new key: only the ledger can tell
            throw new ManagerKeyException(next, "a key rotation was interrupted: " + next + " is there. If the ledger's "
                    + "last KeyRotated (ecledger export) names its fingerprint, rename it and its .pub.pem over "
                    + PRIVATE_FILE + " and " + PUBLIC_FILE + " (keep the old ones as " + RETIRED_PREFIX
                    + "OFFSET.pem); otherwise delete both next files", null);
        }
        if (Files.exists(privateFile)) {
            ManagerKey key = load(directory);
            LOG.info("loaded the manager key fingerprint={} file={}", key.fingerprint, privateFile);
            return key;
        }
        ManagerKey key = generate();
        key.save(directory);
        LOG.info("made the manager key fingerprint={} file={}", key.fingerprint, privateFile);
        return key;
    }

    /** The key already in {@code directory}; fails naming the file when it is missing or unreadable. */
    public static ManagerKey load(Path directory) {
        Path privateFile = directory.resolve(PRIVATE_FILE);
        PrivateKey privateKey;
        try {
            privateKey = KeyFiles.parsePrivate(Files.readString(privateFile, StandardCharsets.US_ASCII));
        } catch (NoSuchFileException e) {
            throw new ManagerKeyException(privateFile, "no manager key at " + privateFile, e);
        } catch (IOException | IllegalArgumentException e) {
            throw new ManagerKeyException(privateFile, "cannot read the manager key " + privateFile + ": " + e.getMessage()
                    + " (restore it from a backup; deleting it makes a new key that agents will not trust)", e);
        }
        PublicKey publicKey = readPublic(directory.resolve(PUBLIC_FILE));
        ManagerKey key = new ManagerKey(privateKey, publicKey);
        if (!key.matches()) {
            throw new ManagerKeyException(directory.resolve(PUBLIC_FILE), directory.resolve(PUBLIC_FILE)
                    + " is not the public half of " + privateFile, null);
        }
        return key;
    }

    /** The public key in a PEM (or bare base64) file, as {@code ecledger key show} and agents read it. */
    public static PublicKey readPublic(Path file) {
        try {
            return KeyFiles.parsePublic(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (NoSuchFileException e) {
            throw new ManagerKeyException(file, "no public key at " + file, e);
        } catch (IOException | IllegalArgumentException e) {
            throw new ManagerKeyException(file, "cannot read the public key " + file + ": " + e.getMessage(), e);
        }
    }

    /** The ledger payload that hands the ledger over to this key, to be signed by the key it replaces. */
    public KeyRotated rotationToThis() {
        return new KeyRotated(fingerprint.value(), KeyFiles.publicBase64(publicKey));
    }

    /** The public half. */
    public PublicKey publicKey() {
        return publicKey;
    }

    @Override
    public KeyFingerprint fingerprint() {
        return fingerprint;
    }

    @Override
    public Seal seal(Hash hash) {
        return Seal.of(fingerprint.value(), sign(hash.bytes()));
    }

    @Override
    public boolean sealed(HashedEvent hashed) {
        return new SignatureCheck(publicKey).check(hashed).verified();
    }

    private byte[] sign(byte[] message) {
        Signature signature = signatures.get();
        try {
            signature.update(message);
            return signature.sign();
        } catch (SignatureException e) {
            // its state is unknown after a failure: the next signature starts from a fresh one
            signatures.remove();
            throw new IllegalStateException("the manager key cannot sign: " + e.getMessage(), e);
        }
    }

    private Signature newSignature() {
        try {
            Signature signature = Signature.getInstance(KeyFiles.ALGORITHM);
            signature.initSign(privateKey);
            return signature;
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("Java 15 and later have Ed25519", e);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("the manager key cannot sign: " + e.getMessage(), e);
        }
    }

    /** Writes this key as a rotation's next key, beside the current one, before the ledger is handed to it. */
    public void saveAsNext(Path directory) {
        save(directory, NEXT_PRIVATE_FILE, NEXT_PUBLIC_FILE);
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
        if (!Files.isDirectory(directory)) {
            return OptionalLong.empty();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.startsWith(RETIRED_PREFIX) && n.endsWith(".pub.pem"))
                    .map(n -> n.substring(RETIRED_PREFIX.length(), n.length() - ".pub.pem".length()))
                    .filter(n -> n.matches("\\d+"))
                    .mapToLong(Long::parseLong)
                    .max();
        } catch (IOException e) {
            throw new ManagerKeyException(directory, "cannot list " + directory + ": " + e.getMessage(), e);
        }
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
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().matches(RETIRED_PREFIX.replace(".", "\\.") + "\\d+\\.pub\\.pem"))
                    .sorted(java.util.Comparator.comparingLong(f -> Long.parseLong(f.getFileName().toString()
                            .substring(RETIRED_PREFIX.length()).replace(".pub.pem", ""))))
                    .map(ManagerKey::readPublic)
                    .toList();
        } catch (IOException e) {
            throw new ManagerKeyException(directory, "cannot list " + directory + ": " + e.getMessage(), e);
        }
    }

    private boolean matches() {
        try {
            byte[] probe = new byte[Hash.LENGTH];
            Signature verify = Signature.getInstance(KeyFiles.ALGORITHM);
            verify.initVerify(publicKey);
            verify.update(probe);
            return verify.verify(sign(probe));
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private void save(Path directory) {
        save(directory, PRIVATE_FILE, PUBLIC_FILE);
    }

    private void save(Path directory, String privateName, String publicName) {
        Path privateFile = directory.resolve(privateName);
        try {
            Files.createDirectories(directory);
            // the file is 0600 from its creation, before any key byte is in it
            Files.createFile(privateFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(privateFile, KeyFiles.privatePem(privateKey), StandardCharsets.US_ASCII,
                    StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (FileAlreadyExistsException e) {
            throw new ManagerKeyException(privateFile, "another process made " + privateFile + " at the same time", e);
        } catch (IOException | UnsupportedOperationException e) {
            throw new ManagerKeyException(privateFile, "cannot write the manager key " + privateFile + ": " + e.getMessage(), e);
        }
        Path publicFile = directory.resolve(publicName);
        try {
            Files.writeString(publicFile, KeyFiles.publicPem(publicKey), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new ManagerKeyException(publicFile, "cannot write the manager's public key " + publicFile + ": " + e.getMessage(), e);
        }
    }
}
