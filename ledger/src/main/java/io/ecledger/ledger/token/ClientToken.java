package io.ecledger.ledger.token;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The bearer token a client (the console, {@code ecledger key rotate}, {@code ecledger rebuild}) sends the manager:
 * from {@code --token-file PATH}, else {@value #ENV}, else the file {@value #FILE_ENV} names, else
 * {@code ~/.config/ecledger/token}. Never from a command-line
 * value, which every local user can read in the process list. A file its group or others may read is refused.
 */
public final class ClientToken {

    /** The environment variable holding a token. */
    public static final String ENV = "ECLEDGER_TOKEN";
    /** The environment variable naming the default token file (ops/smoke points it into its own data directory). */
    public static final String FILE_ENV = "ECLEDGER_TOKEN_FILE";

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private ClientToken() {}

    /** The token to send, if there is one; a named file that is missing, unreadable or shared is refused. */
    public static Optional<String> find(Map<String, String> env, Optional<Path> tokenFile) {
        if (tokenFile.isPresent()) {
            return Optional.of(read(tokenFile.get()));
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(fromEnv.strip());
        }
        Path standard = defaultFile(env);
        return Files.exists(standard) ? Optional.of(read(standard)) : Optional.empty();
    }

    /** {@code $ECLEDGER_TOKEN_FILE}, else {@code $HOME/.config/ecledger/token}: where {@code ops/up} writes the local user's admin token. */
    public static Path defaultFile(Map<String, String> env) {
        String named = env.get(FILE_ENV);
        if (named != null && !named.isBlank()) {
            return Path.of(named);
        }
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(home, ".config", "ecledger", "token");
    }

    /** The token in {@code file}, refused if the file's group or others may read it. */
    public static String read(Path file) {
        try {
            try {
                Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
                if (!OWNER_ONLY.containsAll(mode)) {
                    throw new ClientTokenException("the token file " + file + " has mode "
                            + PosixFilePermissions.toString(mode) + ": it must be readable by its owner only (chmod 600 "
                            + file + ")");
                }
            } catch (UnsupportedOperationException e) {
                // a file system without POSIX modes: nothing to check
            }
            String token = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (token.isEmpty()) {
                throw new ClientTokenException("the token file " + file + " is empty");
            }
            return token;
        } catch (IOException e) {
            throw new ClientTokenException("cannot read the token file " + file + ": " + e.getMessage());
        }
    }

    /** A token file that must not be used; the message says why and what to do. */
    public static final class ClientTokenException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        ClientTokenException(String message) {
            super(message);
        }
    }
}
