package io.ecledger.api.auth;

import java.util.Objects;

/**
 * A user as they signed in, with the credential the sign-in rests on ({@code token:ID} or {@code password:HASH}):
 * a session is only as good as that credential is in the users file now.
 */
public record SignedIn(User user, String credential) {

    static final String TOKEN = "token:";
    static final String PASSWORD = "password:";

    public SignedIn {
        Objects.requireNonNull(user, "user");
        if (credential == null || !(credential.startsWith(TOKEN) || credential.startsWith(PASSWORD))) {
            throw new IllegalArgumentException("a sign-in rests on a token id or a password hash");
        }
    }

    /** {@code token} or {@code password}: how the user signed in, for the log. */
    public String method() {
        return credential.startsWith(TOKEN) ? "token" : "password";
    }

    /** Without the credential: a bcrypt hash has no place in a log line. */
    @Override
    public String toString() {
        return "SignedIn[" + user.name() + " by " + method() + "]";
    }
}
