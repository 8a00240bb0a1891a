package io.ecledger.api.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A minimal client of the control listener protocol, for tests. */
public final class ControlClient implements AutoCloseable {

    /** One answer: its text and whether the manager acted on the line. */
    public record Answer(String text, boolean ok) {}

    /** One frame as it came: its text and its status word ({@code OK}, {@code REFUSED} or a stream's {@code EVENT}). */
    public record Frame(String text, String status) {}

    private final SocketChannel channel;
    private final InputStream in;

    public ControlClient(Path socket) throws IOException {
        channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(socket));
        in = Channels.newInputStream(channel);
    }

    public Answer send(String line) throws IOException {
        write(line);
        Frame frame = frame();
        return new Answer(frame.text(), frame.status().equals("OK"));
    }

    /** Sends {@code \0follow ID} and reads the frames of the stream up to its last, the one that is not an EVENT. */
    public List<Frame> follow(String commandId) throws IOException {
        write("\0follow " + commandId);
        List<Frame> frames = new ArrayList<>();
        Frame frame;
        do {
            frame = frame();
            frames.add(frame);
        } while (frame.status().equals("EVENT"));
        return frames;
    }

    private void write(String line) throws IOException {
        ByteBuffer request = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        while (request.hasRemaining()) {
            channel.write(request);
        }
    }

    private Frame frame() throws IOException {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != 0) {
            if (b == -1) {
                throw new IOException("connection closed mid-answer");
            }
            text.write(b);
        }
        ByteArrayOutputStream status = new ByteArrayOutputStream();
        while ((b = in.read()) != '\n') {
            if (b == -1) {
                throw new IOException("connection closed mid-status");
            }
            status.write(b);
        }
        return new Frame(text.toString(StandardCharsets.UTF_8), status.toString(StandardCharsets.UTF_8));
    }

    /** Blocks until the manager closes the connection; true if it did. */
    boolean closedByManager() throws IOException {
        return in.read() == -1;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
