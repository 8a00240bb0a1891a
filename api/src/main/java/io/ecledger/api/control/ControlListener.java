package io.ecledger.api.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.lifecycle.Managed;
import io.ecledger.api.access.Caller;
import io.ecledger.api.command.CommandLookup;
import io.ecledger.api.console.ConsoleService;
import io.ecledger.api.follow.Followers;
import io.ecledger.api.http.Refused;
import io.ecledger.api.http.RolesPrincipal;
import io.ecledger.api.retrieve.CommandResults;
import io.ecledger.ledger.command.Origin;
import io.ecledger.ledger.config.ConfigModel;
import io.ecledger.ledger.kafka.LedgerFencedException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
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
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * eccmgr's control listener: consoles connect to the Unix sockets and TCP addresses of eccluster.conf's
 * {@code Control_Listener} ({@link ListenerSettings}) and get the same answers as {@code POST /v1/console}.
 *
 * <p>Who: a Unix session acts as the OS user its peer credentials ({@code SO_PEERCRED}) name, with the roles
 * {@link OsUserRoles} gives that user. A TCP session has no peer credentials: where {@code Enable_Authentication} is
 * true it sends {@code \0auth TOKEN} first ({@link TokenCheck}) and every other line before is answered
 * {@code REFUSED}, and the third wrong token closes the connection; where it is false it is
 * {@code anonymous@HOST:PORT} with no roles. Where
 * {@code Enable_Authorization} is false every session is {@code admin}, as the original eccmgr.
 *
 * <p>Protocol: the client sends one console line in UTF-8 ending in {@code \n}; the answer is
 * its text in UTF-8, a NUL byte (never part of an answer), the status {@code OK} or
 * {@code REFUSED}, and {@code \n}. A line starting with NUL is a protocol request, not a
 * console line: {@code \0completions} answers the completions JSON, {@code \0command ID} the
 * JSON of {@code GET /v1/commands/ID}, {@code \0follow ID} the command's events as they happen (frames with the
 * status {@code EVENT}, then the {@code done} event as {@code OK}: {@link SocketFollow}); {@code \0key KEY} before a
 * console line gives that line an idempotency key (no answer of its own: the line's answer is the pair's), so a line
 * sent again with the same key is answered with the first answer instead of running twice. A connection serves any
 * number of lines and is closed after the idle timeout, which counts only while it waits for a line. At most
 * {@code maxSessions} connections are served at once, each on a thread of a bounded pool; one more is answered
 * {@code REFUSED} and closed.
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

    /** The role every session has where {@code Enable_Authorization} is false, and the policy's all-powerful one. */
    public static final String ADMIN = "admin";

    static final String AUTH_REQUEST = "auth ";
    // wrong tokens a TCP session may send before it is closed
    static final int MAX_FAILED_TOKENS = 3;

    private final ControlListenerFactory config;
    private final Supplier<ConfigModel> configuration;
    private final ConsoleService console;
    private final CommandLookup commands;
    private final Followers followers;
    private final ObjectMapper json;
    private final OsUserRoles osUserRoles;
    private final TokenCheck tokens;
    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
    private final KeyedAnswers keyed;
    private final Set<SocketChannel> lingering = ConcurrentHashMap.newKeySet();
    private final List<Bound> bound = new CopyOnWriteArrayList<>();
    private volatile long idleTimeoutNanos;
    private ThreadPoolExecutor workers;
    private ScheduledExecutorService reaper;

    /** An endpoint being served, and the address it got (a TCP port 0 gets one from the OS). */
    public record Bound(ListenerSettings.Endpoint endpoint, ServerSocketChannel server, SocketAddress address) {}

    /**
     * A listener over what {@code configuration} (the folded eccluster.conf) says when it starts; sessions' roles
     * from {@code osUserRoles} (Unix) and {@code tokens} (TCP); {@code \0follow} streams come from {@code followers}.
     */
    public ControlListener(ControlListenerFactory config, Supplier<ConfigModel> configuration, ConsoleService console,
            CommandLookup commands, Followers followers, ObjectMapper json, OsUserRoles osUserRoles, TokenCheck tokens) {
        this.config = config;
        this.configuration = configuration;
        this.console = console;
        this.commands = commands;
        this.followers = followers;
        this.json = json;
        this.osUserRoles = osUserRoles;
        this.tokens = tokens;
        this.idleTimeoutNanos = config.getIdleTimeout().toNanoseconds();
        this.keyed = new KeyedAnswers(config.getMaxKeyedAnswers(),
                java.time.Duration.ofNanos(config.getIdempotencyWindow().toNanoseconds()), System::nanoTime);
    }

    @Override
    public void start() throws IOException {
        // read once: every Control_Listener option takes effect on restart (ListenerSettings.ACTED_ON)
        ListenerSettings settings = ListenerSettings.from(configuration.get(), config.pathOverride());
        settings.notes().forEach(note -> LOG.info("control listener: {}", note));
        settings.timeout().ifPresent(timeout -> idleTimeoutNanos = timeout.toNanos());
        int max = config.getMaxSessions();
        // never more tasks than maxSessions (the accept loop refuses past it); threads go when their session ends
        workers = new ThreadPoolExecutor(max, max, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                runnable -> daemon(runnable, "control-session"));
        workers.allowCoreThreadTimeOut(true);
        reaper = Executors.newSingleThreadScheduledExecutor(runnable -> daemon(runnable, "control-idle-reaper"));
        reaper.scheduleWithFixedDelay(this::closeIdleSessions, 1, 1, TimeUnit.SECONDS);
        try {
            for (ListenerSettings.Endpoint endpoint : settings.endpoints()) {
                bound.add(bind(endpoint));
            }
        } catch (IOException | RuntimeException e) {
            stop();
            throw e;
        }
        for (Bound each : bound) {
            daemon(() -> acceptLoop(each), "control-listener " + each.endpoint().describe()).start();
            LOG.info("control listener on {} ({}, {}, idle timeout {}s, at most {} sessions)", each.address(),
                    each.endpoint() instanceof ListenerSettings.Unix unix ? "mode " + unix.fileMode()
                            + ", peer credentials" : each.endpoint().authentication() ? "\\0auth token" : "anonymous",
                    each.endpoint().authorization() ? "roles by policy" : "everyone admin",
                    TimeUnit.NANOSECONDS.toSeconds(idleTimeoutNanos), max);
            if (!each.endpoint().authorization()) {
                LOG.warn("control listener on {}: Enable_Authorization is false: any user who can open it may run every "
                        + "command, shutdown included", each.address());
            }
        }
    }

    /** What is being served, in the order of eccluster.conf's {@code Listen} entries. */
    public List<Bound> bound() {
        return List.copyOf(bound);
    }

    private Bound bind(ListenerSettings.Endpoint endpoint) throws IOException {
        if (endpoint instanceof ListenerSettings.Unix unix) {
            takeOver(unix.path());
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(unix.path()));
            Files.setPosixFilePermissions(unix.path(), permissions(unix.fileMode()));
            return new Bound(endpoint, server, server.getLocalAddress());
        }
        if (endpoint instanceof ListenerSettings.Tcp tcp) {
            ServerSocketChannel server = ServerSocketChannel.open();
            try {
                server.bind(new InetSocketAddress(tcp.host(), tcp.port()));
            } catch (IOException e) {
                server.close();
                throw new IOException("control listener: cannot listen on " + tcp.describe() + ": " + e.getMessage(), e);
            }
            return new Bound(endpoint, server, server.getLocalAddress());
        }
        throw new AssertionError("unknown endpoint " + endpoint);
    }

    @Override
    public void stop() throws IOException {
        for (Bound each : bound) {
            closeQuietly(each.server());
        }
        sessions.forEach(Session::close);
        if (reaper != null) {
            reaper.shutdownNow();
        }
        lingering.forEach(ControlListener::closeQuietly);
        if (workers != null) {
            workers.shutdownNow();
        }
        for (Bound each : bound) {
            if (each.endpoint() instanceof ListenerSettings.Unix unix) {
                Files.deleteIfExists(unix.path());
            }
            LOG.info("control listener on {} closed", each.address());
        }
        bound.clear();
    }

    /** Replaces a socket file a crashed manager left behind; refuses one a live manager still serves. */
    private static void takeOver(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther()) {
            throw new IllegalStateException("control listener: " + path + " exists and is not a socket; "
                    + "move it away or change its Listen in eccluster.conf's Control_Listener");
        }
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(path));
        } catch (IOException refused) {
            Files.delete(path);
            LOG.info("replaced the stale control socket {} left by a manager that is gone", path);
            return;
        }
        throw new IllegalStateException("control listener: " + path + " is served by another running manager; "
                + "stop it, or give this one another Listen in eccluster.conf (or controlListener.path, ECLEDGER_CONTROL)");
    }

    private void acceptLoop(Bound from) {
        ServerSocketChannel server = from.server();
        while (server.isOpen()) {
            try {
                SocketChannel channel = server.accept();
                // only this thread adds sessions, so the count cannot pass the cap between the check and the add
                if (sessions.size() >= config.getMaxSessions()) {
                    refuse(channel);
                    continue;
                }
                Session session = new Session(channel, from.endpoint());
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
        long limit = idleTimeoutNanos;
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
        private final ListenerSettings.Endpoint endpoint;
        private volatile String actor;
        // null until a TCP session with authentication sent a token someone holds
        private Caller caller;
        private int failedTokens;
        private boolean closeAfterAnswer;
        private volatile Phase phase = Phase.WAITING;
        private volatile long phaseSince = System.nanoTime();
        private String key;
        private String badKey;
        // set by run(): a followed command's frames are written as they come, before its last one
        private OutputStream out;

        Session(SocketChannel channel, ListenerSettings.Endpoint endpoint) {
            this.channel = channel;
            this.endpoint = endpoint;
            if (endpoint instanceof ListenerSettings.Unix) {
                // SO_PEERCRED is the kernel's word: authentication on a Unix socket whatever Enable_Authentication says
                actor = peer(channel);
                caller = new Caller(actor, Origin.CONTROL_LISTENER, roles(osUserRoles.rolesOf(actor)));
            } else if (endpoint.authentication()) {
                actor = "unauthenticated@" + peer(channel);
                caller = null;
            } else {
                actor = "anonymous@" + peer(channel);
                caller = new Caller(actor, Origin.CONTROL_LISTENER, roles(Set.of()));
            }
        }

        private Set<String> roles(Set<String> byPolicy) {
            return endpoint.authorization() ? byPolicy : Set.of(ADMIN);
        }

        /** {@code \0auth TOKEN}: the session acts as the token's holder from now on, or stays unauthenticated. */
        private byte[] authenticate(String token) {
            if (!(endpoint instanceof ListenerSettings.Tcp) || !endpoint.authentication()) {
                return frame("this session needs no token: it acts as " + actor, false);
            }
            if (caller != null) {
                return frame("already authenticated as " + actor + "; a session is one identity", false);
            }
            Optional<? extends RolesPrincipal> identity = token.isEmpty() ? Optional.empty() : tokens.check(token);
            if (identity.isEmpty()) {
                // the token is never logged: a mistyped one is often one character off a real one
                LOG.info("control listener refused a token from {} on {}", actor, endpoint.describe());
                if (++failedTokens >= MAX_FAILED_TOKENS) {
                    // guessing costs a connection every few tries, not one line each
                    closeAfterAnswer = true;
                    return frame("authentication failed " + failedTokens + " times; closing the connection", false);
                }
                return frame("authentication failed: no such token; send \\0auth TOKEN", false);
            }
            String remote = actor.substring(actor.indexOf('@') + 1);
            actor = identity.get().getName();
            caller = new Caller(actor, Origin.CONTROL_LISTENER, roles(identity.get().roles()));
            LOG.info("control listener: {} authenticated by token from {}", actor, remote);
            return frame("authenticated as " + actor, true);
        }

        @Override
        public void run() {
            try (InputStream in = new BufferedInputStream(Channels.newInputStream(channel));
                    OutputStream out = Channels.newOutputStream(channel)) {
                this.out = out;
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
                    if (closeAfterAnswer) {
                        break;
                    }
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

        private byte[] answer(byte[] line) throws IOException {
            String lineKey = key;
            String refusedKey = badKey;
            key = null;
            badKey = null;
            if (line.length > MAX_LINE_BYTES) {
                return frame("line too long: more than " + MAX_LINE_BYTES + " bytes", false);
            }
            String text = new String(line, StandardCharsets.UTF_8);
            if (text.startsWith("\0" + AUTH_REQUEST) || text.equals("\0auth")) {
                return authenticate(text.substring(1 + "auth".length()).trim());
            }
            if (caller == null) {
                return frame("authenticate first: send \\0auth TOKEN; the line was not run", false);
            }
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

        private byte[] protocolRequest(String request) throws IOException {
            try {
                if (request.equals("completions")) {
                    return frame(json.writeValueAsString(console.completions()), true);
                }
                if (request.startsWith("command ")) {
                    return command(request.substring("command ".length()).trim());
                }
                if (request.startsWith("follow ")) {
                    return follow(request.substring("follow ".length()).trim());
                }
                return frame("unknown protocol request '" + request + "'", false);
            } catch (Refused refused) {
                return frame(refused.getMessage(), false);
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * {@code \0follow ID}: the command's events as {@link SocketFollow} frames, written here as they come; returns
         * the last one. No polling: the same followers as {@code GET /v1/commands/{id}/events} tell it.
         */
        private byte[] follow(String commandId) throws IOException {
            SocketFollow follow = new SocketFollow(json);
            followers.follow(known(commandId), follow);
            try {
                while (true) {
                    byte[] frame = follow.next();
                    if (follow.ended()) {
                        return frame;
                    }
                    // the idle timeout counts while the client does not take what is written, as for an answer
                    enter(Phase.WRITING);
                    out.write(frame);
                    out.flush();
                    enter(Phase.ANSWERING);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("the control listener is stopping", e);
            } finally {
                // a client gone mid-stream: the followers forget it at their next word
                follow.abandon("the session ended");
            }
        }

        private byte[] command(String commandId) throws JsonProcessingException {
            return frame(json.writeValueAsString(known(commandId)), true);
        }

        /** The command {@code commandId} names; {@link Refused} when it is no command id or no command has it. */
        private CommandResults known(String commandId) {
            return commands.command(commandId)
                    .orElseThrow(() -> new Refused("no-such-command", "no command " + commandId));
        }

        void close() {
            sessions.remove(this);
            closeQuietly(channel);
        }
    }

    static final String OK = "OK";
    static final String REFUSED = "REFUSED";

    /** The answer, a NUL, the status word and a newline; a NUL inside the text is replaced so it cannot end the answer early. */
    static byte[] frame(String text, boolean ok) {
        return frame(text, ok ? OK : REFUSED);
    }

    /** As above with the status word {@code status}: {@code OK}, {@code REFUSED}, or a stream's {@code EVENT}. */
    static byte[] frame(String text, String status) {
        return (text.replace('\0', '\uFFFD') + "\0" + status + "\n").getBytes(StandardCharsets.UTF_8);
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

    private static void closeQuietly(java.nio.channels.Channel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing a control connection: {}", e.toString());
        }
    }

    /**
     * The OS user of a Unix peer ({@code SO_PEERCRED} → uid → name, the seam {@link OsUserRoles} takes), or the
     * {@code host:port} of a TCP one.
     */
    static String peer(SocketChannel channel) {
        try {
            if (channel.getRemoteAddress() instanceof InetSocketAddress inet) {
                return inet.getAddress().getHostAddress() + ":" + inet.getPort();
            }
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
