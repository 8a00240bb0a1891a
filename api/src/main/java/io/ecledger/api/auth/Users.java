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

    /**
     * A sign-in with {@code token}: the user holding it and the token's id, which the session then rests on, so
     * revoking the token ({@code ecledger user token --revoke}) ends the session too.
     */
    public Optional<SignedIn> signIn(String token) {
        return authenticate(token)
                .map(user -> new SignedIn(user, SignedIn.TOKEN + IssuedToken.idOf(token).orElseThrow()));
    }

    /** A sign-in with a password: the session rests on the bcrypt hash it matched, so a new password ends it. */
    public Optional<SignedIn> signIn(String name, String password) {
        return authenticate(name, password).flatMap(user -> fresh().find(name)).flatMap(entry -> entry.passwordHash()
                .map(hash -> new SignedIn(entry.user(), SignedIn.PASSWORD + hash)));
    }

    /**
     * The user of {@code signedIn} as the current file has them (roles changed there apply at once), or empty when the
     * user is gone or no longer holds the credential they signed in with.
     */
    public Optional<User> stillSignedIn(SignedIn signedIn) {
        return fresh().find(signedIn.user().name()).filter(entry -> holds(entry, signedIn.credential()))
                .map(UserEntry::user);
    }

    private static boolean holds(UserEntry entry, String credential) {
        if (credential.startsWith(SignedIn.TOKEN)) {
            String id = credential.substring(SignedIn.TOKEN.length());
            return entry.tokens().stream().anyMatch(token -> token.id().equals(id));
        }
        return entry.passwordHash().map(hash -> credential.equals(SignedIn.PASSWORD + hash)).orElse(false);
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
