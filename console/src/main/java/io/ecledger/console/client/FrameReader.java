package io.ecledger.console.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;

/**
 * Reads the control listener's frames ({@code TEXT \0 STATUS \n}) off one connection, keeping what a read brought
 * past the end of a frame for the next one: a followed command's frames come back to back.
 */
final class FrameReader {

    /** One frame: its status word ({@code OK}, {@code REFUSED}, a stream's {@code EVENT}) and its text. */
    record Frame(String status, String text) {}

    /** The connection ended before a whole frame came; {@link #started()} says whether some of it had. */
    static final class Ended extends IOException {
        private static final long serialVersionUID = 1L;
        private final boolean started;

        Ended(boolean started, IOException cause) {
            super(cause == null ? "connection closed" : cause.getMessage(), cause);
            this.started = started;
        }

        boolean started() {
            return started;
        }
    }

    private final ReadableByteChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(8192).limit(0);

    FrameReader(ReadableByteChannel channel) {
        this.channel = channel;
    }

    /** The next frame, waiting for all of it. */
    Frame next() throws Ended {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        ByteArrayOutputStream status = new ByteArrayOutputStream();
        boolean started = false;
        boolean inStatus = false;
        while (true) {
            while (buffer.hasRemaining()) {
                byte b = buffer.get();
                started = true;
                if (!inStatus) {
                    if (b == 0) {
                        inStatus = true;
                    } else {
                        text.write(b);
                    }
                } else if (b == '\n') {
                    return new Frame(status.toString(StandardCharsets.UTF_8), text.toString(StandardCharsets.UTF_8));
                } else {
                    status.write(b);
                }
            }
            buffer.clear();
            int read;
            try {
                read = channel.read(buffer);
            } catch (IOException e) {
                buffer.limit(0);
                throw new Ended(started, e);
            }
            buffer.flip();
            if (read < 0) {
                throw new Ended(started, null);
            }
        }
    }
}
