package io.ecledger.api.datadir;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.logging.common.DefaultLoggingFactory;
import io.dropwizard.logging.common.FileAppenderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void aMissingDataDirectoryIsCreatedOwnerOnly() {
        Path data = DataDirectory.makePrivate(dir.resolve("data"));

        assertThat(data).isDirectory();
        assertThat(mode(data)).isEqualTo("rwx------");
    }

    @Test
    void aDataDirectoryTheLogAppenderMadeWithTheUmaskIsNarrowedAndKeepsItsFiles() throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.writeString(data.resolve("eccmgr.log"), "typed: config set password hunter2\n");

        DataDirectory.makePrivate(data);

        assertThat(mode(data)).isEqualTo("rwx------");
        assertThat(data.resolve("eccmgr.log")).hasContent("typed: config set password hunter2");
    }

    @Test
    void theCurrentFileOfEveryFileAppenderIsNarrowedToTheOwner() throws Exception {
        Path log = Files.createFile(dir.resolve("eccmgr.log"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-r--r--")));
        FileAppenderFactory<ch.qos.logback.classic.spi.ILoggingEvent> file = new FileAppenderFactory<>();
        file.setCurrentLogFilename(log.toString());
        DefaultLoggingFactory logging = new DefaultLoggingFactory();
        logging.setAppenders(List.of(file));

        DataDirectory.makeLogsPrivate(logging);

        assertThat(mode(log)).isEqualTo("rw-------");
    }

    private static String mode(Path path) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
