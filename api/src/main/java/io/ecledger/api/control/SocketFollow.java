package io.ecledger.api.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecledger.api.follow.FollowSink;
import java.io.UncheckedIOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A follow told over a control session ({@code \0follow ID}): each event one frame {@code JSON\0EVENT\n} (a
 * {@link Event}), the {@code done} event {@code JSON\0OK\n}, which ends it; a stream that ends without it ends with
 * {@code REASON\0REFUSED\n}. The followers' thread only queues frames and the session's own thread writes them, so a
 * client that stops reading holds up no other stream.
 */
final class SocketFollow implements FollowSink {

    /** What an {@code EVENT} or final {@code OK} frame carries: the event's number, its name and its data. */
    record Event(long id, String event, Object data) {}

    static final String EVENT = "EVENT";
    // a client this far behind is not reading: it is cut off rather than held in memory
    static final int MAX_QUEUED = 10_000;
    private static final byte[] END = new byte[0];

    private final ObjectMapper json;
    private final BlockingQueue<byte[]> frames = new LinkedBlockingQueue<>();
    private volatile boolean closed;
    private volatile byte[] done;
    // on the session's thread only
    private boolean ended;
    private volatile String endedBecause = "the stream ended before every node was done: the command is no longer "
            + "in the views, or the manager is stopping";

    SocketFollow(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void send(long id, String name, Object data) {
        if (closed) {
            return;
        }
        if (name.equals("done")) {
            done = ControlListener.frame(text(new Event(id, name, data)), ControlListener.OK);
            close();
            return;
        }
        queue(ControlListener.frame(text(new Event(id, name, data)), EVENT));
    }

    @Override
    public void keepAlive() {
        queue(ControlListener.frame(text(new Event(0, "keep-alive", null)), EVENT));
    }

    @Override
    public void close() {
        closed = true;
        frames.offer(END);
    }

    /** Ends the stream for {@code reason}: the session could not write, or the client fell too far behind. */
    void abandon(String reason) {
        endedBecause = reason;
        close();
    }

    /**
     * The next frame to write, once there is one: an {@code EVENT}, or the stream's last frame ({@code done} as
     * {@code OK}, or why it ended as {@code REFUSED}), after which {@link #ended()} is true.
     */
    byte[] next() throws InterruptedException {
        byte[] frame = frames.take();
        if (frame != END) {
            return frame;
        }
        ended = true;
        byte[] last = done;
        return last != null ? last : ControlListener.frame(endedBecause, false);
    }

    /** Whether {@link #next()} returned the last frame. */
    boolean ended() {
        return ended;
    }

    private void queue(byte[] frame) {
        if (closed) {
            return;
        }
        if (frames.size() >= MAX_QUEUED) {
            abandon("the stream ended: more than " + MAX_QUEUED + " events were waiting for the client to read them");
            return;
        }
        frames.offer(frame);
    }

    private String text(Event event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
