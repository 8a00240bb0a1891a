package io.ecledger.api.http;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Optional;

/**
 * A body must be plain (request inflation is off: a few KiB of gzip would become gigabytes) and, when its length is
 * declared, no longer than the limit; refused before a byte of it is read. A chunked body is counted as it streams,
 * by {@link GuardFilter}.
 */
public final class BodyGuard implements RequestGuard {

    private final long maxBytes;

    public BodyGuard(long maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("the body limit must be at least one byte, not " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    @Override
    public Optional<HttpRefusal> check(HttpServletRequest request) {
        String encoding = request.getHeader("Content-Encoding");
        if (encoding != null && !encoding.strip().toLowerCase(Locale.ROOT).equals("identity")) {
            return Optional.of(new HttpRefusal(415, "content-encoding-refused", "Content-Encoding '" + encoding
                    + "' is refused: send the body uncompressed"));
        }
        if (request.getContentLengthLong() > maxBytes) {
            return Optional.of(tooLarge());
        }
        return Optional.empty();
    }

    HttpRefusal tooLarge() {
        return new HttpRefusal(413, "body-too-large", "a request body is at most " + maxBytes + " bytes");
    }
}
