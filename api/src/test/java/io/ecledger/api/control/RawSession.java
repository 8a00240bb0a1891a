package io.ecledger.api.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** A client of the control listener that is not the console: bytes written, each frame read back as it was sent. */
final class RawSession implements AutoCloseable {

    /** One answer as it came: its text and its status word. */
    record Frame(String text, String status) {}

    private final AutoCloseable connection;
    private final OutputStream out;
    private final InputStream in;

    private RawSession(AutoCloseable connection, OutputStream out, InputStream in) {
        this.connection = connection;
        this.out = out;
        this.in = in;
    }

    static RawSession unix(Path socket) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(socket));
        return new RawSession(channel, Channels.newOutputStream(channel), Channels.newInputStream(channel));
    }

    static RawSession tcp(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        return new RawSession(socket, socket.getOutputStream(), socket.getInputStream());
    }

    Frame send(String lines) throws IOException {
        out.write((lines + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != 0) {
            if (b == -1) {
                throw new IOException("closed mid-answer");
            }
            text.write(b);
        }
        ByteArrayOutputStream status = new ByteArrayOutputStream();
        while ((b = in.read()) != '\n' && b != -1) {
            status.write(b);
        }
        return new Frame(text.toString(StandardCharsets.UTF_8), status.toString(StandardCharsets.UTF_8));
    }

    /** Blocks until the listener closes the connection; true if it did (rather than send more). */
    boolean closed() throws IOException {
        return in.read() == -1;
    }

    @Override
    public void close() throws Exception {
        connection.close();
    }
}
