package io.ecledger.ledger.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecledger.ledger.event.Hash;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManagerKeyTest {

    @TempDir
    Path dataDir;

    @Test
    void theFirstStartMakesAPrivateKeyOnlyItsOwnerCanReadAndThePublicKeyBesideIt() throws Exception {
        ManagerKey key = ManagerKey.loadOrCreate(dataDir.resolve("fresh"));

        Path privateFile = dataDir.resolve("fresh").resolve(ManagerKey.PRIVATE_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privateFile))).isEqualTo("rw-------");
        assertThat(Files.readString(privateFile)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(ManagerKey.readPublic(dataDir.resolve("fresh").resolve(ManagerKey.PUBLIC_FILE))).isEqualTo(key.publicKey());
        assertThat(key.fingerprint().value()).matches("SHA256:[A-Za-z0-9+/]{43}");
    }

    @Test
    void aSecondStartLoadsTheSameKey() {
        ManagerKey first = ManagerKey.loadOrCreate(dataDir);
        ManagerKey second = ManagerKey.loadOrCreate(dataDir);

        assertThat(second.fingerprint()).isEqualTo(first.fingerprint());
        assertThat(second.publicKey()).isEqualTo(first.publicKey());
        // Ed25519 is deterministic: the same private key makes the same signature
        Hash hash = Hash.sha256(new byte[] {1, 2, 3}, 0, 3);
        assertThat(second.seal(hash)).isEqualTo(first.seal(hash));
    }

    @Test
    void aCorruptPrivateKeyFailsStartUpNamingTheFileAndIsNotReplaced() throws Exception {
        ManagerKey.loadOrCreate(dataDir);
        Path privateFile = dataDir.resolve(ManagerKey.PRIVATE_FILE);
        Files.writeString(privateFile, "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");

        assertThatThrownBy(() -> ManagerKey.loadOrCreate(dataDir))
                .isInstanceOf(ManagerKeyException.class)
                .hasMessageContaining(privateFile.toString())
                .satisfies(e -> assertThat(((ManagerKeyException) e).file()).isEqualTo(privateFile));
        assertThat(Files.readString(privateFile)).contains("bm90IGEga2V5");
    }

    @Test
    void aPublicKeyThatIsNotThePrivateKeysHalfFailsStartUpNamingIt() throws Exception {
        ManagerKey.loadOrCreate(dataDir);
        Path publicFile = dataDir.resolve(ManagerKey.PUBLIC_FILE);
        Files.writeString(publicFile, KeyFiles.publicPem(ManagerKey.generate().publicKey()));

        assertThatThrownBy(() -> ManagerKey.loadOrCreate(dataDir))
                .isInstanceOf(ManagerKeyException.class)
                .hasMessageContaining(publicFile.toString());
    }

    @Test
    void theFingerprintIsSha256OfTheEncodedPublicKeyAsSshPrintsIt() throws Exception {
        ManagerKey key = ManagerKey.generate();
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(key.publicKey().getEncoded());

        assertThat(key.fingerprint().value())
                .isEqualTo("SHA256:" + java.util.Base64.getEncoder().withoutPadding().encodeToString(digest));
    }

    @Test
    void aPublicKeyReadsFromPemOrBareBase64() {
        ManagerKey key = ManagerKey.generate();

        assertThat(KeyFiles.parsePublic(KeyFiles.publicPem(key.publicKey()))).isEqualTo(key.publicKey());
        assertThat(KeyFiles.parsePublic(KeyFiles.publicBase64(key.publicKey()))).isEqualTo(key.publicKey());
    }
}
