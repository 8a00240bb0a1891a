package io.ecledger.api.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * HTTP as an attacker writes it, byte for byte on a socket: no client library to fix the Host header up, add a
 * length or send the whole body before reading the answer.
 */
final class RawHttp {

    private static final int PATIENCE_MILLIS = 15_000;

    private RawHttp() {}

    /** A status code and the body, as read off the wire. */
    record Answer(int status, String head, String body) {}

    /** Sends {@code head} (request line and headers, without the blank line), then {@code body}; reads the answer. */
    static Answer exchange(int port, String head, byte[] body) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(PATIENCE_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            try {
                out.write(body);
                out.flush();
            } catch (IOException closedWhileSending) {
                // the manager may answer and close before the body is all sent: the answer is what counts
            }
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the head and then as much body as its Content-Length says (or to the end of the stream). */
    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        int headEnd = -1;
        long wanted = -1;
        byte[] buffer = new byte[4096];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                all.write(buffer, 0, n);
                String text = all.toString(StandardCharsets.ISO_8859_1);
                if (headEnd < 0 && text.contains("\r\n\r\n")) {
                    headEnd = text.indexOf("\r\n\r\n") + 4;
                    wanted = contentLength(text.substring(0, headEnd));
                }
                if (headEnd >= 0 && wanted >= 0 && all.size() - headEnd >= wanted) {
                    break;
                }
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no answer within " + PATIENCE_MILLIS + " ms; read so far: " + all, e);
        }
        String text = all.toString(StandardCharsets.UTF_8);
        if (headEnd < 0) {
            throw new AssertionError("no complete answer; read: " + text);
        }
        String head = text.substring(0, text.indexOf("\r\n\r\n"));
        return new Answer(Integer.parseInt(head.substring(9, 12)), head, text.substring(text.indexOf("\r\n\r\n") + 4));
    }

    private static long contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                return Long.parseLong(line.substring("content-length:".length()).strip());
            }
        }
        return -1;
    }
}
