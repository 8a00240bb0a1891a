package io.ecledger.api.datadir;

import io.dropwizard.logging.common.AppenderFactory;
import io.dropwizard.logging.common.DefaultLoggingFactory;
import io.dropwizard.logging.common.FileAppenderFactory;
import io.dropwizard.logging.common.LoggingFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The manager's data directory and its log files, owner-only: they hold the H2 file, the keys and the log, all of
 * which carry the command lines operators typed (secrets included).
 */
public final class DataDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(DataDirectory.class);
    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private DataDirectory() {}

    /**
     * Creates {@code directory} 0700, or narrows it to 0700 when it exists: the log appender may have made it with the
     * umask before the application ran.
     */
    public static Path makePrivate(Path directory) {
        try {
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(DIRECTORY));
            }
            narrow(directory, DIRECTORY);
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the data directory " + directory + " (mode 0700)", e);
        } catch (UnsupportedOperationException e) {
            LOG.warn("the data directory {} is on a file system without POSIX modes; it is not made owner-only", directory);
            return directory;
        }
    }

    /** Narrows every log file the logging configuration writes (each file appender's current file) to 0600. */
    public static void makeLogsPrivate(LoggingFactory logging) {
        if (!(logging instanceof DefaultLoggingFactory)) {
            return;
        }
        for (AppenderFactory<?> appender : ((DefaultLoggingFactory) logging).getAppenders()) {
            if (appender instanceof FileAppenderFactory) {
                String current = ((FileAppenderFactory<?>) appender).getCurrentLogFilename();
                if (current != null && Files.isRegularFile(Path.of(current))) {
                    try {
                        narrow(Path.of(current), FILE);
                    } catch (IOException | UnsupportedOperationException e) {
                        LOG.warn("cannot make the log file {} owner-only (0600): {}", current, e.toString());
                    }
                }
            }
        }
    }

    private static void narrow(Path path, Set<PosixFilePermission> mode) throws IOException {
        Set<PosixFilePermission> was = Files.getPosixFilePermissions(path);
        if (!was.equals(mode)) {
            Files.setPosixFilePermissions(path, mode);
            LOG.info("made {} owner-only: mode {} instead of {}", path, PosixFilePermissions.toString(mode),
                    PosixFilePermissions.toString(was));
        }
    }
}
