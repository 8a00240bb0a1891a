package io.ecledger.console.client;

import io.ecledger.ledger.command.CompletionData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/**
 * Talks to the manager's control listener on a Unix domain socket.
 *
 * <p>The protocol (README, "Control listener protocol"): the client writes one console line in UTF-8 ending in
 * {@code \n}; the manager answers with the answer text in UTF-8, a NUL byte, the status word {@code OK} or
 * {@code REFUSED}, and {@code \n}. A request starting with NUL is a protocol request: {@code \0completions\n} answers
 * the completion JSON, {@code \0command ID\n} the JSON of {@code GET /v1/commands/ID}. Every console line goes after
 * {@code \0key KEY\n}, a new key per line: the manager answers a line it already has an answer for under that key
 * with that answer, so the one resend below never runs a command twice. The connection carries many lines; when the
 * manager has closed an idle one, the next line reconnects and is sent again, once, with the same key.
 */
public final class SocketManagerClient implements ManagerClient {

    static final String OK = "OK";
    static final String REFUSED = "REFUSED";
    static final String COMPLETIONS_REQUEST = "\0completions";
    static final String COMMAND_REQUEST = "\0command ";
    static final String KEY_REQUEST = "\0key ";

    private final Path socket;
    private final String endpoint;
    private SocketChannel channel;

    public SocketManagerClient(Path socket, String endpoint) {
        this.socket = socket;
        this.endpoint = endpoint;
    }

    @Override
    public synchronized Answer send(String line) {
        // The line break ends the request and a leading NUL makes it a protocol request: neither may come from a line.
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\n' || c == '\r' || c == '\0') {
                return Answer.refused(String.format("line contains control character U+%04X", (int) c));
            }
        }
        // the key is part of the request, so a resend of the request carries the same key
        Reply reply = exchange(KEY_REQUEST + UUID.randomUUID() + "\n" + line);
        return new Answer(reply.ok(), reply.text());
    }

    @Override
    public synchronized CompletionData completions() {
        Reply reply = exchange(COMPLETIONS_REQUEST);
        if (!reply.ok()) {
            return CompletionData.NONE;
        }
        try {
            return CompletionsJson.parse(reply.text());
        } catch (IOException e) {
            return CompletionData.NONE;
        }
    }

    @Override
    public synchronized Optional<CommandProgress> progress(UUID commandId) {
        Reply reply = exchange(COMMAND_REQUEST + commandId);
        if (!reply.ok()) {
            return Optional.empty();
        }
        try {
            return Optional.of(CommandProgressJson.parse(reply.text()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private record Reply(boolean ok, String text) {}

    /** Thrown when a reused connection turns out to be closed before any of the reply arrived. */
    private static final class StaleConnection extends Exception {
        private static final long serialVersionUID = 1L;

        StaleConnection(Throwable cause) {
            super(cause);
        }
    }

    private Reply exchange(String request) {
        boolean reused = channel != null;
        try {
            return exchangeOnce(request);
        } catch (StaleConnection stale) {
            closeChannel();
            if (!reused) {
                throw unreachable(stale.getCause());
            }
            // the manager closed the idle connection: reconnect and send the line again, once
            try {
                return exchangeOnce(request);
            } catch (StaleConnection again) {
                closeChannel();
                throw unreachable(again.getCause());
            }
        }
    }

    private Reply exchangeOnce(String request) throws StaleConnection {
        if (channel == null) {
            channel = connect();
        }
        try {
            ByteBuffer out = StandardCharsets.UTF_8.encode(request + "\n");
            while (out.hasRemaining()) {
                channel.write(out);
            }
        } catch (IOException e) {
            throw new StaleConnection(e);
        }
        return readReply();
    }

    private SocketChannel connect() {
        SocketChannel opened = null;
        try {
            opened = SocketChannel.open(StandardProtocolFamily.UNIX);
            opened.connect(UnixDomainSocketAddress.of(socket));
            return opened;
        } catch (IOException | UnsupportedOperationException e) {
            if (opened != null) {
                try {
                    opened.close();
                } catch (IOException ignored) {
                    // nothing was sent on it
                }
            }
            throw unreachable(e);
        }
    }

    private Reply readReply() throws StaleConnection {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        ByteArrayOutputStream status = new ByteArrayOutputStream();
        ByteBuffer in = ByteBuffer.allocate(8192);
        boolean anyByte = false;
        boolean inStatus = false;
        while (true) {
            in.clear();
            int read;
            try {
                read = channel.read(in);
            } catch (IOException e) {
                if (!anyByte) {
                    throw new StaleConnection(e);
                }
                closeChannel();
                throw unreachable(e);
            }
            if (read < 0) {
                if (!anyByte) {
                    throw new StaleConnection(new IOException("connection closed before the answer"));
                }
                closeChannel();
                throw new ManagerUnreachableException(endpoint, "connection closed in the middle of an answer", null);
            }
            anyByte |= read > 0;
            in.flip();
            while (in.hasRemaining()) {
                byte b = in.get();
                if (!inStatus) {
                    if (b == 0) {
                        inStatus = true;
                    } else {
                        text.write(b);
                    }
                } else if (b == '\n') {
                    return reply(text, status);
                } else {
                    status.write(b);
                }
            }
        }
    }

    private Reply reply(ByteArrayOutputStream text, ByteArrayOutputStream status) {
        String word = status.toString(StandardCharsets.UTF_8);
        String answer = text.toString(StandardCharsets.UTF_8);
        if (word.equals(OK)) {
            return new Reply(true, answer);
        }
        if (word.equals(REFUSED)) {
            return new Reply(false, answer);
        }
        closeChannel();
        throw new ManagerUnreachableException(endpoint, "protocol error: status '" + word + "' is neither OK nor REFUSED", null);
    }

    private ManagerUnreachableException unreachable(Throwable cause) {
        return new ManagerUnreachableException(endpoint, ManagerUnreachableException.reasonOf(cause), cause);
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing a broken connection
            }
            channel = null;
        }
    }

    @Override
    public String endpoint() {
        return endpoint;
    }

    @Override
    public synchronized void close() {
        closeChannel();
    }
}
