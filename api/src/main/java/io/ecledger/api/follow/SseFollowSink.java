package io.ecledger.api.follow;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

/** A follow told as server-sent events ({@code GET /v1/commands/{id}/events}); Jersey sends them without blocking. */
public final class SseFollowSink implements FollowSink {

    private final SseEventSink sink;
    private final Sse sse;

    public SseFollowSink(SseEventSink sink, Sse sse) {
        this.sink = sink;
        this.sse = sse;
    }

    @Override
    public boolean isClosed() {
        return sink.isClosed();
    }

    @Override
    public void send(long id, String name, Object data) {
        sink.send(sse.newEventBuilder().id(Long.toString(id)).name(name)
                        .mediaType(MediaType.APPLICATION_JSON_TYPE).data(data.getClass(), data).build())
                // a client that went away: nothing more to tell it
                .whenComplete((ignored, error) -> {
                    if (error != null) {
                        close();
                    }
                });
    }

    /** A comment: Jetty's idle timeout is 30 s, as long as a command's default deadline. */
    @Override
    public void keepAlive() {
        sink.send(sse.newEventBuilder().comment("keep-alive").build()).whenComplete((ignored, error) -> {
            if (error != null) {
                close();
            }
        });
    }

    @Override
    public void close() {
        if (!sink.isClosed()) {
            sink.close();
        }
    }
}
