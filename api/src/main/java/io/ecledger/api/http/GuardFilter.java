package io.ecledger.api.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Runs every {@link RequestGuard} in order and answers the first refusal; then counts a body of undeclared length
 * (chunked) as it streams, refusing it 413 at the first byte over the limit, so no more than the limit is ever held.
 */
public final class GuardFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    private final transient List<RequestGuard> guards;
    private final transient BodyGuard body;

    public GuardFilter(List<RequestGuard> guards, BodyGuard body) {
        this.guards = List.copyOf(guards);
        this.body = body;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        for (RequestGuard guard : guards) {
            Optional<HttpRefusal> refusal = guard.check(request);
            if (refusal.isPresent()) {
                refusal.get().writeTo(response);
                return;
            }
        }
        if (request.getContentLengthLong() < 0 && request.getHeader("Transfer-Encoding") != null) {
            Optional<byte[]> read = readAtMost(request.getInputStream(), body.maxBytes());
            if (read.isEmpty()) {
                body.tooLarge().writeTo(response);
                return;
            }
            chain.doFilter(new Buffered(request, read.get()), response);
            return;
        }
        chain.doFilter(request, response);
    }

    /** The whole stream if it ends within {@code max} bytes; empty at the first byte beyond. */
    private static Optional<byte[]> readAtMost(InputStream in, long max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            if (out.size() + (long) n > max) {
                return Optional.empty();
            }
            out.write(buffer, 0, n);
        }
        return Optional.of(out.toByteArray());
    }

    /** The request with its counted body, read from memory. */
    private static final class Buffered extends HttpServletRequestWrapper {

        private final byte[] bytes;

        Buffered(HttpServletRequest request, byte[] bytes) {
            super(request);
            this.bytes = bytes;
        }

        @Override
        public int getContentLength() {
            return bytes.length;
        }

        @Override
        public long getContentLengthLong() {
            return bytes.length;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(bytes);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("the body was read already; there is nothing to wait for");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            Charset charset = getCharacterEncoding() == null ? StandardCharsets.UTF_8
                    : Charset.forName(getCharacterEncoding());
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }
}
