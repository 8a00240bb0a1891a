package io.ecledger.console;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The console's history file, made private before JLine writes a line to it: typed lines can carry secrets, and JLine
 * would create the file (and its directory) with the process's umask.
 */
final class HistoryFile {

    private HistoryFile() {}

    /**
     * Creates {@code file} 0600 (and a missing parent 0700), or sets an existing one to 0600; false, with the file left
     * as it is, where the file system has no POSIX modes or the file cannot be made private.
     */
    static boolean makePrivate(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (FileAlreadyExistsException kept) {
                // a history from an older console, made with the umask: narrowed, its lines kept
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
