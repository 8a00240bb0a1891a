package io.ecledger.console.client;

import io.ecledger.ledger.command.CompletionData;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/**
 * How the console talks to the manager: one console line in, one {@link Answer} out, plus the live data tab completion
 * uses and the progress of a command {@code --wait} follows. Implementations: {@link HttpManagerClient} ({@code POST /v1/console}) and {@link SocketManagerClient} (the
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
