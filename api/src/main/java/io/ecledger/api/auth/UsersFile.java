package io.ecledger.api.auth;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The users file ({@code <dataDirectory>/users.yaml}): YAML, owner-only. Written whole to a 0600 temporary file and
 * moved over the old one, so a reader (the manager re-reads it when it changes) never sees half a file.
 */
public record UsersFile(List<UserEntry> users) {

    /** The file's name in the data directory. */
    public static final String NAME = "users.yaml";

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER))
            .registerModule(new Jdk8Module())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public UsersFile {
        users = List.copyOf(users == null ? List.of() : users);
        Set<String> names = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (UserEntry user : users) {
            if (!names.add(user.name())) {
                throw new IllegalArgumentException("user " + user.name() + " appears twice");
            }
            for (StoredToken token : user.tokens()) {
                if (!ids.add(token.id())) {
                    throw new IllegalArgumentException("token id " + token.id() + " appears twice");
                }
            }
        }
    }

    public static UsersFile empty() {
        return new UsersFile(List.of());
    }

    /**
     * Reads {@code file}, refusing one that its group or others may read (it names who may act on the cluster);
     * a missing file is an empty one.
     */
    public static UsersFile read(Path file) {
        if (!Files.exists(file)) {
            return empty();
        }
        requireOwnerOnly(file);
        try {
            UsersFile read = YAML.readValue(file.toFile(), UsersFile.class);
            return read == null ? empty() : read;
        } catch (IOException e) {
            throw new UsersFileException("cannot read the users file " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new UsersFileException("the users file " + file + " is broken: " + e.getMessage(), e);
        }
    }

    /** Refuses a file whose mode lets its group or others read or write it. */
    public static void requireOwnerOnly(Path file) {
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
            if (!OWNER_ONLY.containsAll(mode)) {
                throw new UsersFileException("the users file " + file + " has mode " + PosixFilePermissions.toString(mode)
                        + ": it must be readable by its owner only (chmod 600 " + file + ")");
            }
        } catch (UnsupportedOperationException e) {
            // a file system without POSIX modes: nothing to check
        } catch (IOException e) {
            throw new UsersFileException("cannot read the mode of the users file " + file + ": " + e, e);
        }
    }

    /** Writes this whole file atomically, 0600 from its first byte. */
    public void write(Path file) {
        Path directory = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, ".users-", ".yaml",
                    PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            try {
                YAML.writeValue(temporary.toFile(), this);
                try {
                    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the users file " + file, e);
        }
    }

    public Optional<UserEntry> find(String name) {
        return users.stream().filter(user -> user.name().equals(name)).findFirst();
    }

    /** This file with {@code user} in place of any user of that name (appended if new). */
    public UsersFile with(UserEntry user) {
        List<UserEntry> next = new ArrayList<>();
        boolean replaced = false;
        for (UserEntry existing : users) {
            if (existing.name().equals(user.name())) {
                next.add(user);
                replaced = true;
            } else {
                next.add(existing);
            }
        }
        if (!replaced) {
            next.add(user);
        }
        return new UsersFile(next);
    }

    public UsersFile without(String name) {
        return new UsersFile(users.stream().filter(user -> !user.name().equals(name)).toList());
    }
}
