package io.ecledger.console.client;

import io.ecledger.ledger.command.CompletionData;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * How the console talks to the manager: one console line in, one {@link Answer} out, plus the live data tab completion
 * uses and the progress of a command {@code --wait} follows ({@link #awaitSettled}). Implementations: {@link HttpManagerClient} ({@code POST /v1/console}) and {@link SocketManagerClient} (the
 * control listener's Unix domain socket).
 */
public interface ManagerClient extends AutoCloseable {

    /** The control listener's default socket, as in Momentum. */
    String DEFAULT_ENDPOINT = "/tmp/2025";

    /**
     * Runs one console line on the manager.
     *
     * @throws ManagerUnreachableException when the manager cannot be reached or the connection broke mid-answer
     */
    Answer send(String line);

    /**
     * The live completion data; {@link CompletionData#NONE} when the manager does not serve it.
     *
     * @throws ManagerUnreachableException when the manager cannot be reached
     */
    CompletionData completions();

    /**
     * Where the command {@code commandId} stands, as {@code GET /v1/commands/{id}} says; empty when the manager
     * does not know the command or cannot say.
     *
     * @throws ManagerUnreachableException when the manager cannot be reached
     */
    Optional<CommandProgress> progress(UUID commandId);

    /**
     * Waits until every node of {@code commandId} has answered or timed out, at most {@code wait}: true once settled,
     * false when the wait ran out or the manager cannot say. This default asks {@link #progress} every quarter of a
     * second, for a manager with no event stream; both clients follow the command's stream instead.
     *
     * @throws ManagerUnreachableException when the manager cannot be reached
     */
    default boolean awaitSettled(UUID commandId, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Optional<CommandProgress> progress = progress(commandId);
            if (progress.isEmpty()) {
                return false;
            }
            if (progress.get().settled()) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                Thread.sleep(Math.max(1, Math.min(PROGRESS_INTERVAL.toMillis(), left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /**
     * Tells {@code each} every node's state of {@code commandId} when following starts and again whenever it changes,
     * until every node has answered or timed out (true), or {@code wait} ran out or the manager cannot say (false).
     * This default only waits ({@link #awaitSettled}) and tells nothing; both clients override it with the manager's
     * event stream (SSE over REST, {@code \0follow} on the control socket).
     *
     * @throws ManagerUnreachableException when the manager cannot be reached
     */
    default boolean follow(UUID commandId, Duration wait, Consumer<NodeUpdate> each) {
        return awaitSettled(commandId, wait);
    }

    /** How often {@link #awaitSettled}'s default asks for progress. */
    Duration PROGRESS_INTERVAL = Duration.ofMillis(250);

    /** The endpoint as the operator wrote it, for the prompt and error messages. */
    String endpoint();

    @Override
    void close();

    /**
     * The client for an endpoint as given on the command line: {@code http://host:port} or {@code https://…}, a bare
     * {@code host:port} (HTTP), or else a path to the control listener's socket.
     */
    static ManagerClient forEndpoint(String endpoint) {
        return forEndpoint(endpoint, java.util.Optional.empty(), java.util.Optional.empty());
    }

    /** As {@link #forEndpoint(String)}, over HTTP sending {@code token} and trusting {@code tls} for https. */
    static ManagerClient forEndpoint(String endpoint, java.util.Optional<String> token,
            java.util.Optional<javax.net.ssl.SSLContext> tls) {
        if (isHttp(endpoint)) {
            return new HttpManagerClient(endpoint, token, tls);
        }
        return new SocketManagerClient(Path.of(endpoint), endpoint);
    }

    /** Whether {@code endpoint} names the REST port rather than the control socket. */
    static boolean isHttp(String endpoint) {
        return endpoint.startsWith("http://") || endpoint.startsWith("https://") || HttpManagerClient.isHostPort(endpoint);
    }
}
