package io.ecledger.api.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.lifecycle.Managed;
import io.ecledger.api.access.Caller;
import io.ecledger.api.command.CommandLookup;
import io.ecledger.api.console.ConsoleService;
import io.ecledger.api.http.Refused;
import io.ecledger.api.retrieve.CommandResults;
import io.ecledger.ledger.command.Origin;
import io.ecledger.ledger.kafka.LedgerFencedException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * eccmgr's control listener: consoles connect to a Unix socket ({@code /tmp/2025} by default)
 * and get the same answers as {@code POST /v1/console}.
 *
 * <p>Protocol: the client sends one console line in UTF-8 ending in {@code \n}; the answer is
 * its text in UTF-8, a NUL byte (never part of an answer), the status {@code OK} or
 * {@code REFUSED}, and {@code \n}. A line starting with NUL is a protocol request, not a
 * console line: {@code \0completions} answers the completions JSON, {@code \0command ID} the
 * JSON of {@code GET /v1/commands/ID}; {@code \0key KEY} before a console line gives that line an idempotency key
 * (no answer of its own: the line's answer is the pair's), so a line sent again with the same key is answered with
 * the first answer instead of running twice. A connection serves any number of lines and is closed after the idle
 * timeout, which counts only while it waits for a line. At most {@code maxSessions} connections are served at once,
 * each on a thread of a bounded pool; one more is answered {@code REFUSED} and closed.
 */
public final class ControlListener implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(ControlListener.class);

    // a console line is at most Grammar.MAX_LINE_LENGTH characters, each at most 4 UTF-8 bytes
    private static final int MAX_LINE_BYTES = 4 * 8192 + 16;

    static final String KEY_REQUEST = "key ";
    // a UUID fits; the character set keeps a key from smuggling anything into a log line
    private static final java.util.regex.Pattern KEY = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,64}");
    // a refused connection stays open this long so the client's first line lands and the refusal can be read
    private static final long REFUSED_LINGER_MILLIS = 1000;
    // past this many refused connections in their second, more are closed at once: a flood cannot pile up descriptors
    private static final int MAX_LINGERING = 256;

    private final ControlListenerFactory config;
    private final ConsoleService console;
    private final CommandLookup commands;
    private final ObjectMapper json;
    private final Path path;
    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
    private final KeyedAnswers keyed;
    private final Set<SocketChannel> lingering = ConcurrentHashMap.newKeySet();
    private ServerSocketChannel server;
    private ThreadPoolExecutor workers;
    private ScheduledExecutorService reaper;

    public ControlListener(ControlListenerFactory config, ConsoleService console, CommandLookup commands,
            ObjectMapper json) {
        this.config = config;
        this.console = console;
        this.commands = commands;
        this.json = json;
        this.path = Path.of(config.getPath()).toAbsolutePath();
        this.keyed = new KeyedAnswers(config.getMaxKeyedAnswers(),
                java.time.Duration.ofNanos(config.getIdempotencyWindow().toNanoseconds()), System::nanoTime);
    }

    @Override
    public void start() throws IOException {
        takeOver();
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        Files.setPosixFilePermissions(path, permissions(config.getFileMode()));
        int max = config.getMaxSessions();
        // never more tasks than maxSessions (the accept loop refuses past it); threads go when their session ends
        workers = new ThreadPoolExecutor(max, max, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                runnable -> daemon(runnable, "control-session"));
        workers.allowCoreThreadTimeOut(true);
        reaper = Executors.newSingleThreadScheduledExecutor(runnable -> daemon(runnable, "control-idle-reaper"));
        reaper.scheduleWithFixedDelay(this::closeIdleSessions, 1, 1, TimeUnit.SECONDS);
        daemon(this::acceptLoop, "control-listener").start();
        LOG.info("control listener on {} (mode {}, idle timeout {}, at most {} sessions)", path, config.getFileMode(),
                config.getIdleTimeout(), max);
    }

    @Override
    public void stop() throws IOException {
        if (server == null) {
            return;
        }
        server.close();
        sessions.forEach(Session::close);
        reaper.shutdownNow();
        lingering.forEach(ControlListener::closeQuietly);
        workers.shutdownNow();
        Files.deleteIfExists(path);
        LOG.info("control listener on {} closed", path);
    }

    /** Replaces a socket file a crashed manager left behind; refuses one a live manager still serves. */
    private void takeOver() throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther()) {
            throw new IllegalStateException("control listener: " + path + " exists and is not a socket; "
                    + "move it away or set controlListener.path (ECLEDGER_CONTROL)");
        }
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(path));
        } catch (IOException refused) {
            Files.delete(path);
            LOG.info("replaced the stale control socket {} left by a manager that is gone", path);
            return;
        }
        throw new IllegalStateException("control listener: " + path + " is served by another running manager; "
                + "stop it, or give this one another controlListener.path (ECLEDGER_CONTROL)");
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel channel = server.accept();
                // only this thread adds sessions, so the count cannot pass the cap between the check and the add
                if (sessions.size() >= config.getMaxSessions()) {
                    refuse(channel);
                    continue;
                }
                Session session = new Session(channel);
                sessions.add(session);
                workers.execute(session);
            } catch (IOException e) {
                if (server.isOpen()) {
                    LOG.warn("control listener could not accept a connection: {}", e.toString());
                }
            }
        }
    }

    /** Answers a connection past the cap REFUSED and closes it a moment later; the sessions already open go on. */
    private void refuse(SocketChannel channel) {
        String actor = peer(channel);
        LOG.info("control listener refused a connection of {}: {} sessions open (controlListener.maxSessions)", actor,
                sessions.size());
        try {
            // a frame this short fits the socket's buffer, so the write does not block the accept loop
            channel.write(java.nio.ByteBuffer.wrap(frame("too many control sessions: " + config.getMaxSessions()
                    + " are open (controlListener.maxSessions); try again later", false)));
            channel.shutdownOutput();
        } catch (IOException e) {
            LOG.debug("refusing a control connection: {}", e.toString());
        }
        // closed at once it would make the client's first write fail before it reads why; lingering ones are bounded too
        if (lingering.size() >= MAX_LINGERING) {
            closeQuietly(channel);
            return;
        }
        lingering.add(channel);
        reaper.schedule(() -> {
            lingering.remove(channel);
            closeQuietly(channel);
        }, REFUSED_LINGER_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void closeIdleSessions() {
        long limit = config.getIdleTimeout().toNanoseconds();
        long now = System.nanoTime();
        for (Session session : sessions) {
            // a session computing an answer is never idle: closing it would make the console send the line again
            if (session.phase != Phase.ANSWERING && now - session.phaseSince > limit) {
                LOG.debug("closing control connection of {}: {} for longer than the idle timeout", session.actor,
                        session.phase == Phase.WAITING ? "no line" : "its answer not taken");
                session.close();
            }
        }
    }

    /** Where a session stands; the idle timeout runs while it waits for a line, or while its client does not read. */
    private enum Phase { WAITING, ANSWERING, WRITING }

    /** One console's connection: lines in, answers out, until it closes or idles out. */
    private final class Session implements Runnable {
        private final SocketChannel channel;
        private final String actor;
        private final Caller caller;
        private volatile Phase phase = Phase.WAITING;
        private volatile long phaseSince = System.nanoTime();
        private String key;
        private String badKey;

        Session(SocketChannel channel) {
            this.channel = channel;
            this.actor = peer(channel);
            this.caller = new Caller(actor, Origin.CONTROL_LISTENER, Set.of());
        }

        @Override
        public void run() {
            try (InputStream in = new BufferedInputStream(Channels.newInputStream(channel));
                    OutputStream out = Channels.newOutputStream(channel)) {
                byte[] line;
                while ((line = readLine(in)) != null) {
                    if (keyLine(line)) {
                        continue;
                    }
                    enter(Phase.ANSWERING);
                    byte[] answer = answer(line);
                    enter(Phase.WRITING);
                    out.write(answer);
                    out.flush();
                    enter(Phase.WAITING);
                }
            } catch (IOException e) {
                LOG.debug("control connection of {} ended: {}", actor, e.toString());
            } finally {
                close();
            }
        }

        private void enter(Phase next) {
            phaseSince = System.nanoTime();
            phase = next;
        }

        /** True for {@code \0key KEY}: it is kept for the next line and has no answer of its own. */
        private boolean keyLine(byte[] line) {
            String text = new String(line, StandardCharsets.UTF_8);
            if (!text.startsWith("\0" + KEY_REQUEST)) {
                return false;
            }
            String candidate = text.substring(1 + KEY_REQUEST.length()).trim();
            if (KEY.matcher(candidate).matches()) {
                key = candidate;
                badKey = null;
            } else {
                key = null;
                badKey = "idempotency key must be 1 to 64 letters, digits, '-' or '_'; the line was not run";
            }
            return true;
        }

        private byte[] answer(byte[] line) {
            String lineKey = key;
            String refusedKey = badKey;
            key = null;
            badKey = null;
            if (line.length > MAX_LINE_BYTES) {
                return frame("line too long: more than " + MAX_LINE_BYTES + " bytes", false);
            }
            String text = new String(line, StandardCharsets.UTF_8);
            if (text.startsWith("\0")) {
                // protocol requests only read: a key before one changes nothing
                return protocolRequest(text.substring(1).trim());
            }
            if (refusedKey != null) {
                return frame(refusedKey, false);
            }
            if (lineKey == null) {
                return execute(text);
            }
            boolean[] ran = {false};
            byte[] answer = keyed.answer(actor, lineKey, text, () -> {
                ran[0] = true;
                return execute(text);
            }, () -> {
                LOG.info("control listener refused a line from {}: idempotency key {} was used for another line", actor,
                        lineKey);
                return frame("idempotency key " + lineKey + " was used for another line; the line was not run", false);
            });
            if (!ran[0]) {
                LOG.info("control listener answered a line sent again by {} with key {} with its first answer; not run twice",
                        actor, lineKey);
            }
            return answer;
        }

        private byte[] execute(String text) {
            try {
                return frame(console.execute(text, caller), true);
            } catch (Refused refused) {
                return frame(refused.getMessage(), false);
            } catch (LedgerFencedException fenced) {
                // logged once by the ledger when it was fenced; the console says what the REST door says
                return frame(fenced.getMessage(), false);
            } catch (RuntimeException e) {
                LOG.error("control listener: '{}' from {} failed", text, actor, e);
                return frame("internal error: " + e.getMessage(), false);
            }
        }

        private byte[] protocolRequest(String request) {
            try {
                if (request.equals("completions")) {
                    return frame(json.writeValueAsString(console.completions()), true);
                }
                if (request.startsWith("command ")) {
                    return command(request.substring("command ".length()).trim());
                }
                return frame("unknown protocol request '" + request + "'", false);
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }

        private byte[] command(String commandId) throws JsonProcessingException {
            Optional<CommandResults> results;
            try {
                results = commands.command(commandId);
            } catch (Refused e) {
                return frame(e.getMessage(), false);
            }
            return results.isPresent() ? frame(json.writeValueAsString(results.get()), true)
                    : frame("no command " + commandId, false);
        }

        void close() {
            sessions.remove(this);
            closeQuietly(channel);
        }
    }

    /** The answer, a NUL, the status word and a newline; a NUL inside the text is replaced so it cannot end the answer early. */
    static byte[] frame(String text, boolean ok) {
        return (text.replace('\0', '\uFFFD') + "\0" + (ok ? "OK" : "REFUSED") + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Bytes up to the next newline (without it, nor a trailing CR); null at end of stream. Stops storing past the limit. */
    private static byte[] readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        boolean any = false;
        while ((b = in.read()) != -1) {
            any = true;
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                return bytes.length > 0 && bytes[bytes.length - 1] == '\r'
                        ? java.util.Arrays.copyOf(bytes, bytes.length - 1) : bytes;
            }
            if (line.size() <= MAX_LINE_BYTES) {
                line.write(b);
            }
        }
        return any ? line.toByteArray() : null;
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing a control connection: {}", e.toString());
        }
    }

    private static String peer(SocketChannel channel) {
        try {
            UnixDomainPrincipal principal = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
            return principal.user().getName();
        } catch (IOException | UnsupportedOperationException e) {
            return "unknown@control";
        }
    }

    private static Set<PosixFilePermission> permissions(String octal) {
        int mode = Integer.parseInt(octal, 8);
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << i)) != 0) {
                permissions.add(bits[i]);
            }
        }
        return permissions;
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
