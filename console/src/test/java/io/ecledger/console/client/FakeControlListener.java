package io.ecledger.console.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A control listener that speaks the documented protocol on a socket file and answers with a function; a null answer
 * closes the connection without one, as a manager that went away mid-line would. {@code \0key KEY} lines are kept
 * in {@link #keys}, not answered.
 */
final class FakeControlListener implements AutoCloseable {

    final Path socket;
    final List<String> received = new CopyOnWriteArrayList<>();
    final List<String> keys = new CopyOnWriteArrayList<>();
    final AtomicInteger connections = new AtomicInteger();
    private final ServerSocketChannel server;
    private final Function<String, String> frames;
    private final List<SocketChannel> open = new CopyOnWriteArrayList<>();

    private FakeControlListener(Path socket, Function<String, String> frames) throws IOException {
        this.socket = socket;
        this.frames = frames;
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Thread acceptor = new Thread(this::accept, "fake-control-listener");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static FakeControlListener start(Path socket, Function<String, Answer> answers) throws IOException {
        return new FakeControlListener(socket, request -> {
            Answer answer = answers.apply(request);
            return answer == null ? null : frame(answer.text(), answer.ok() ? "OK" : "REFUSED");
        });
    }

    /**
     * A listener answering each request with the bytes {@code frames} gives, written at once (several frames back to
     * back for a followed command); null closes the connection.
     */
    static FakeControlListener startWithFrames(Path socket, Function<String, String> frames) throws IOException {
        return new FakeControlListener(socket, frames);
    }

    /** One frame of the protocol: the text, a NUL, the status word and a newline. */
    static String frame(String text, String status) {
        return text + "\0" + status + "\n";
    }

    private void accept() {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                connections.incrementAndGet();
                open.add(client);
                Thread serving = new Thread(() -> serve(client), "fake-control-connection");
                serving.setDaemon(true);
                serving.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(SocketChannel client) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        ByteBuffer in = ByteBuffer.allocate(1024);
        try (client) {
            while (client.read(in.clear()) >= 0) {
                in.flip();
                while (in.hasRemaining()) {
                    byte b = in.get();
                    if (b != '\n') {
                        line.write(b);
                        continue;
                    }
                    String request = line.toString(StandardCharsets.UTF_8);
                    line.reset();
                    if (request.startsWith("\0key ")) {
                        keys.add(request.substring("\0key ".length()));
                        continue;
                    }
                    received.add(request);
                    String answer = frames.apply(request);
                    if (answer == null) {
                        return;
                    }
                    ByteBuffer out = StandardCharsets.UTF_8.encode(answer);
                    while (out.hasRemaining()) {
                        client.write(out);
                    }
                }
            }
        } catch (IOException closed) {
            // the test dropped the connection
        }
    }

    /** Closes every open connection from the server's side, as the manager does after its idle timeout. */
    void dropConnections() throws IOException {
        for (SocketChannel channel : open) {
            channel.close();
        }
        open.clear();
    }

    @Override
    public void close() throws IOException {
        server.close();
        dropConnections();
        Files.deleteIfExists(socket);
    }
}
