package io.ecledger.api.retrieve;

import io.ecledger.ledger.command.Target;
import io.ecledger.ledger.event.NodeStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the projection holds about one command's nodes, from which {@link ResultLines} derives their lines: who was
 * expected (and in which batch), which batches went out and their deadlines, whether it was cancelled, how far each
 * node said it got, and the answers.
 */
record CommandFacts(Target target, List<ExpectedRow> expected, Map<Integer, Released> released, boolean cancelled,
                    Map<String, NodeStatus> progress, List<ResponseRow> responses) {

    /** A batch that went out, with its deadlines. */
    record Released(Instant deliverBy, Instant deadline) {}

    CommandFacts {
        Objects.requireNonNull(target, "target");
        expected = List.copyOf(expected);
        released = Map.copyOf(released);
        progress = Map.copyOf(progress);
        responses = List.copyOf(responses);
    }
}
