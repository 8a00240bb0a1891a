package io.ecledger.api.follow;

import io.ecledger.api.retrieve.CommandResults;
import io.ecledger.api.retrieve.NodeResult;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One client's follow of one command: each node's state once when it opens and again each time it changes, numbered
 * in the order sent, then a {@code done} event with the counts once every node is done. Not thread-safe:
 * {@link Followers} calls it from one thread.
 */
final class CommandFollow {

    private final UUID commandId;
    private final FollowSink sink;
    // node -> what the client was last told of it
    private final Map<String, NodeChange> told = new HashMap<>();
    private long nextId = 1;

    CommandFollow(UUID commandId, FollowSink sink) {
        this.commandId = commandId;
        this.sink = sink;
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
                sink.send(nextId++, "node", change);
            }
        }
        if (!now.settled()) {
            return false;
        }
        sink.send(nextId++, "done", FollowSummary.of(now));
        end();
        return true;
    }

    /** Keeps a silent stream open. */
    void keepAlive() {
        if (!sink.isClosed()) {
            sink.keepAlive();
        }
    }

    /** Ends the stream: the command is gone from the views, or the manager stops. */
    void end() {
        if (!sink.isClosed()) {
            sink.close();
        }
    }
}
