package io.ecledger.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A bearer token as its holder sees it, {@code <id>.<secret>}: an 8-hex-digit id that {@code user list} may show, and
 * 32 random bytes, base64url. Only its SHA-256 is stored: 256 random bits need no slow hash to resist guessing.
 */
public record IssuedToken(String id, String secret) {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A fresh token from {@link SecureRandom}. */
    public static IssuedToken generate() {
        byte[] id = new byte[4];
        RANDOM.nextBytes(id);
        return new IssuedToken(HexFormat.of().formatHex(id), randomSecret());
    }

    /** 32 bytes from {@link SecureRandom}, base64url: a token's secret, and a web session's cookie and CSRF token. */
    static String randomSecret() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** The id a presented token claims, if it has the token's shape at all. */
    public static Optional<String> idOf(String token) {
        int dot = token.indexOf('.');
        return dot == 8 ? Optional.of(token.substring(0, 8)) : Optional.empty();
    }

    /** The text the holder sends as {@code Authorization: Bearer <text>}. */
    public String text() {
        return id + "." + secret;
    }

    /** What the users file keeps of it. */
    public StoredToken stored() {
        return new StoredToken(id, sha256(text()));
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }
}
