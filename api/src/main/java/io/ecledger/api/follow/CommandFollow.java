package io.ecledger.api.follow;

import io.ecledger.api.retrieve.CommandResults;
import io.ecledger.api.retrieve.NodeResult;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One client's stream of one command: each node's state once when the stream opens and again each time it changes,
 * numbered in the order sent, then a {@code done} event with the counts once every node is done. Not thread-safe:
 * {@link Followers} calls it from one thread.
 */
final class CommandFollow {

    private final UUID commandId;
    private final SseEventSink sink;
    private final Sse sse;
    // node -> what the client was last told of it
    private final Map<String, NodeChange> told = new HashMap<>();
    private long nextId = 1;

    CommandFollow(UUID commandId, SseEventSink sink, Sse sse) {
        this.commandId = commandId;
        this.sink = sink;
        this.sse = sse;
    }

    UUID commandId() {
        return commandId;
    }

    /** Tells the client what changed in {@code now}; true once the stream has ended, now or before. */
    boolean tell(CommandResults now) {
        if (sink.isClosed()) {
            return true;
        }
        for (NodeResult node : now.nodes()) {
            NodeChange change = NodeChange.of(node);
            if (!change.equals(told.put(node.node(), change))) {
                send("node", change);
            }
        }
        if (!now.settled()) {
            return false;
        }
        send("done", FollowSummary.of(now));
        end();
        return true;
    }

    /**
     * Sends a comment, which clients ignore, so a stream with nothing to tell for a while is not cut by an idle
     * timeout (Jetty's is 30 s, as long as a command's default deadline).
     */
    void keepAlive() {
        if (!sink.isClosed()) {
            sink.send(sse.newEventBuilder().comment("keep-alive").build()).whenComplete((ignored, error) -> {
                if (error != null) {
                    end();
                }
            });
        }
    }

    /** Ends the stream: the command is gone from the views, or the manager stops. */
    void end() {
        if (!sink.isClosed()) {
            sink.close();
        }
    }

    private void send(String name, Object data) {
        sink.send(sse.newEventBuilder().id(Long.toString(nextId++)).name(name)
                        .mediaType(MediaType.APPLICATION_JSON_TYPE).data(data.getClass(), data).build())
                // a client that went away: nothing more to tell it
                .whenComplete((ignored, error) -> {
                    if (error != null) {
                        end();
                    }
                });
    }
}
