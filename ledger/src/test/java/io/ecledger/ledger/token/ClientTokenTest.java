package io.ecledger.ledger.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientTokenTest {

    @TempDir
    Path home;

    private Path tokenFile(String mode) throws IOException {
        Path file = home.resolve(".config/ecledger/token");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "abcd0123.secret\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    @Test
    void theDefaultFileUnderHomeIsReadWhenNoFileOrVariableIsGiven() throws IOException {
        tokenFile("rw-------");

        assertThat(ClientToken.find(Map.of("HOME", home.toString()), Optional.empty())).contains("abcd0123.secret");
    }

    @Test
    void theEnvironmentVariableComesBeforeTheDefaultFileAndANamedFileBeforeBoth() throws IOException {
        Path file = tokenFile("rw-------");
        Map<String, String> env = Map.of("HOME", "/nowhere", ClientToken.ENV, "fromenv.x");

        assertThat(ClientToken.find(env, Optional.empty())).contains("fromenv.x");
        assertThat(ClientToken.find(env, Optional.of(file))).contains("abcd0123.secret");
    }

    @Test
    void aTokenFileItsGroupOrOthersCanReadIsRefusedWithAMessageSayingSo() throws IOException {
        tokenFile("rw-r--r--");

        assertThatThrownBy(() -> ClientToken.find(Map.of("HOME", home.toString()), Optional.empty()))
                .hasMessageContaining("has mode rw-r--r--: it must be readable by its owner only");
    }

    @Test
    void noTokenAnywhereIsNone() {
        assertThat(ClientToken.find(Map.of("HOME", home.toString()), Optional.empty())).isEmpty();
    }
}
