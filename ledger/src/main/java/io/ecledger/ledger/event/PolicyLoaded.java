package io.ecledger.ledger.event;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The command policy in force from this event on, with its full text and hash, so who could do what at any offset is
 * auditable from the ledger alone. {@code source} is the file it was read from, or {@value #DEFAULT_SOURCE}.
 */
public record PolicyLoaded(String sha256, String text, String source) implements Payload {

    /** The source of the policy that ships with the manager. */
    public static final String DEFAULT_SOURCE = "default";

    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-f]{64}");

    public PolicyLoaded {
        if (sha256 == null || !HEX_SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("a policy load names its SHA-256 as 64 lower-case hex digits, not " + sha256);
        }
        Objects.requireNonNull(text, "text");
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("a policy load names its source: a path or " + DEFAULT_SOURCE);
        }
    }

    @Override
    public String summary() {
        return "policy loaded from " + source + " sha256 " + sha256;
    }
}
