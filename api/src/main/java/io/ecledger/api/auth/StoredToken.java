package io.ecledger.api.auth;

import java.util.regex.Pattern;

/** A token as the users file holds it: its public id and the SHA-256 of the whole token, never the token. */
public record StoredToken(String id, String sha256) {

    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}");
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    public StoredToken {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a token id is 8 lowercase hex digits, not '" + id + "'");
        }
        if (sha256 == null || !HEX.matcher(sha256).matches()) {
            throw new IllegalArgumentException("token " + id + ": sha256 must be 64 lowercase hex digits");
        }
    }
}
