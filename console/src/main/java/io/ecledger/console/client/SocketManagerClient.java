package io.ecledger.console.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecledger.ledger.command.CompletionData;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Talks to the manager's control listener on a Unix domain socket.
 *
 * <p>The protocol (README, "Control listener protocol"): the client writes one console line in UTF-8 ending in
 * {@code \n}; the manager answers with the answer text in UTF-8, a NUL byte, the status word {@code OK} or
 * {@code REFUSED}, and {@code \n}. A request starting with NUL is a protocol request: {@code \0completions\n} answers
 * the completion JSON, {@code \0command ID\n} the JSON of {@code GET /v1/commands/ID}, {@code \0follow ID\n} the
 * command's events as frames with the status {@code EVENT} and then its {@code done} event as {@code OK} (what
 * {@code --follow} and {@code --wait} read, on a connection of their own). Every console line goes after
 * {@code \0key KEY\n}, a new key per line: the manager answers a line it already has an answer for under that key
 * with that answer, so the one resend below never runs a command twice. The connection carries many lines; when the
 * manager has closed an idle one, the next line reconnects and is sent again, once, with the same key.
 */
public final class SocketManagerClient implements ManagerClient {

    static final String OK = "OK";
    static final String REFUSED = "REFUSED";
    static final String EVENT = "EVENT";
    static final String FOLLOW_REQUEST = "\0follow ";
    private static final ObjectMapper JSON = new ObjectMapper();
    // ends follows whose wait ran out; one daemon thread for every client in the process
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "socket-follow-watchdog");
        thread.setDaemon(true);
        return thread;
    });
    static final String COMPLETIONS_REQUEST = "\0completions";
    static final String COMMAND_REQUEST = "\0command ";
    static final String KEY_REQUEST = "\0key ";

    private final Path socket;
    private final String endpoint;
    private SocketChannel channel;
    private FrameReader reader;

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

    /** Follows {@code commandId} with {@code \0follow} ({@link #follow}) and tells nothing: no polling. */
    @Override
    public boolean awaitSettled(UUID commandId, Duration wait) {
        return follow(commandId, wait, update -> { });
    }

    /**
     * Sends {@code \0follow ID} on a connection of its own and tells {@code each} every {@code node} event of the
     * frames that come back, until the {@code done} frame ({@code OK}: true), a refusal (false), or {@code wait} runs
     * out (false; the connection is closed, which ends the stream on the manager). A manager from before the stream
     * refuses the request as unknown and is asked for progress instead.
     */
    @Override
    public boolean follow(UUID commandId, Duration wait, Consumer<NodeUpdate> each) {
        long deadline = System.nanoTime() + wait.toNanos();
        SocketChannel stream = connect();
        AtomicBoolean expired = new AtomicBoolean();
        // a blocking read has no timeout of its own: closing the channel ends it
        ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> {
            expired.set(true);
            closeQuietly(stream);
        }, wait.toNanos(), TimeUnit.NANOSECONDS);
        try {
            ByteBuffer out = StandardCharsets.UTF_8.encode(FOLLOW_REQUEST + commandId + "\n");
            while (out.hasRemaining()) {
                stream.write(out);
            }
            FrameReader frames = new FrameReader(stream);
            while (true) {
                FrameReader.Frame frame = frames.next();
                if (frame.status().equals(EVENT)) {
                    tell(frame.text(), each);
                } else if (frame.status().equals(OK)) {
                    return true;
                } else if (frame.status().equals(REFUSED) && frame.text().startsWith("unknown protocol request")) {
                    return ManagerClient.super.awaitSettled(commandId,
                            Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
                } else {
                    return false;
                }
            }
        } catch (IOException e) {
            if (expired.get()) {
                return false;
            }
            throw unreachable(e);
        } finally {
            watchdog.cancel(false);
            closeQuietly(stream);
        }
    }

    // an EVENT frame's JSON: {id, event, data}; only node events tell anything, keep-alives and unknown ones nothing
    private static void tell(String text, Consumer<NodeUpdate> each) {
        try {
            JsonNode event = JSON.readTree(text);
            if (event != null && event.path("event").asText().equals("node")) {
                each.accept(NodeUpdateJson.of(event.get("data")));
            }
        } catch (IOException e) {
            // an event this console cannot read tells nothing; the done frame still ends the wait
        }
    }

    private static void closeQuietly(SocketChannel stream) {
        try {
            stream.close();
        } catch (IOException ignored) {
            // ending a stream that broke
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
            reader = new FrameReader(channel);
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
        FrameReader.Frame frame;
        try {
            frame = reader.next();
        } catch (FrameReader.Ended ended) {
            if (!ended.started()) {
                throw new StaleConnection(ended.getCause() == null
                        ? new IOException("connection closed before the answer") : ended.getCause());
            }
            closeChannel();
            throw ended.getCause() == null
                    ? new ManagerUnreachableException(endpoint, "connection closed in the middle of an answer", null)
                    : unreachable(ended.getCause());
        }
        if (frame.status().equals(OK) || frame.status().equals(REFUSED)) {
            return new Reply(frame.status().equals(OK), frame.text());
        }
        closeChannel();
        throw new ManagerUnreachableException(endpoint, "protocol error: status '" + frame.status()
                + "' is neither OK nor REFUSED", null);
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
            reader = null;
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
