package io.ecledger.api.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may act: the users file as the manager holds it, re-read when it changes on disk (an {@code ecledger user}
 * run from another process takes effect within a second), the last good version kept when a change is broken.
 * Every door asks it: REST's bearer and basic filters, the admin port, and any other that takes a token.
 */
public final class Users {

    private static final Logger LOG = LoggerFactory.getLogger(Users.class);
    private static final Duration CHECK_EVERY = Duration.ofSeconds(1);
    // verified when the user is unknown or has no password, so a wrong name costs as long as a wrong password
    private static final String DECOY_HASH = new String(BCrypt.withDefaults().hash(10, "decoy".toCharArray()),
            StandardCharsets.US_ASCII);

    private final Path file;
    private final Clock clock;
    private UsersFile current;
    private Instant checked;
    private Object stamp;

    private Users(Path file, Clock clock, UsersFile current, Object stamp) {
        this.file = file;
        this.clock = clock;
        this.current = current;
        this.stamp = stamp;
        this.checked = clock.instant();
    }

    /**
     * The users of {@code file}, created empty (0600) when missing. Refuses to start on a file that is broken or
     * readable by its group or others.
     */
    public static Users open(Path file, Clock clock) {
        if (!Files.exists(file)) {
            UsersFile.empty().write(file);
            LOG.info("made an empty users file {} (mode 0600): add users with ops/bin/ecledger user add", file);
        }
        Object stamp = stampOf(file);
        UsersFile read = UsersFile.read(file);
        LOG.info("read {} users from {}", read.users().size(), file);
        return new Users(file, clock, read, stamp);
    }

    /** The user holding {@code token}, if any user of the current file does. */
    public Optional<User> authenticate(String token) {
        Optional<String> id = IssuedToken.idOf(token);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        byte[] presented = IssuedToken.sha256(token).getBytes(StandardCharsets.US_ASCII);
        for (UserEntry user : fresh().users()) {
            for (StoredToken stored : user.tokens()) {
                if (stored.id().equals(id.get())
                        && MessageDigest.isEqual(stored.sha256().getBytes(StandardCharsets.US_ASCII), presented)) {
                    return Optional.of(user.user());
                }
            }
        }
        return Optional.empty();
    }

    /** The user {@code name} if {@code password} is theirs (bcrypt). */
    public Optional<User> authenticate(String name, String password) {
        Optional<UserEntry> user = fresh().find(name);
        String hash = user.flatMap(UserEntry::passwordHash).orElse(DECOY_HASH);
        boolean verified = BCrypt.verifyer().verify(password.toCharArray(), hash.toCharArray()).verified;
        return verified && user.isPresent() && user.get().passwordHash().isPresent()
                ? Optional.of(user.get().user()) : Optional.empty();
    }

    /** The file as last read well, re-read first if it changed on disk and was not checked within the last second. */
    synchronized UsersFile fresh() {
        Instant now = clock.instant();
        if (Duration.between(checked, now).compareTo(CHECK_EVERY) < 0) {
            return current;
        }
        checked = now;
        Object now_ = stampOf(file);
        if (now_.equals(stamp)) {
            return current;
        }
        try {
            UsersFile read = UsersFile.read(file);
            stamp = now_;
            current = read;
            LOG.info("re-read the users file {}: {} users", file, read.users().size());
        } catch (RuntimeException e) {
            // kept: a half-edited file must not lock every operator out, nor let a removed user back in
            stamp = now_;
            LOG.error("the users file {} changed and cannot be used; keeping the last good one: {}", file, e.getMessage());
        }
        return current;
    }

    private static Object stampOf(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return java.util.List.of(attributes.lastModifiedTime(), attributes.size(),
                    Optional.ofNullable(attributes.fileKey()).map(Object::toString).orElse(""));
        } catch (IOException e) {
            return java.util.List.of("missing");
        }
    }
}
