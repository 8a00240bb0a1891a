package io.ecledger.api.follow;

/**
 * Where one client's follow of a command goes: a server-sent event stream ({@link SseFollowSink}) or a control
 * socket session. Called from the followers' one thread: an implementation must not block on its client.
 */
public interface FollowSink {

    /** Whether the client went away or the stream was ended. */
    boolean isClosed();

    /** Sends event number {@code id}, named {@code node} or {@code done}, carrying {@code data}; a failure ends it. */
    void send(long id, String name, Object data);

    /** Something the client ignores, so a stream with nothing to tell for a while is not cut by an idle timeout. */
    void keepAlive();

    /** Ends the stream: after {@code done}, or with the command gone from the views, or the manager stopping. */
    void close();
}
