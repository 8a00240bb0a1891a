package io.ecledger.api.retrieve;

import io.ecledger.ledger.command.Target;
import io.ecledger.ledger.event.NodeStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The rules of retrieve, as plain functions: which node lines a command has, and which a scope shows. */
final class ResultLines {

    /** Shown as the subcluster of a node nobody has placed yet (no response, not a member, not a subcluster command). */
    static final String UNKNOWN_SUBCLUSTER = "";

    private ResultLines() {}

    /**
     * One line per expected node and per node that answered without being expected, in node order: answered with
     * its response; else waiting for its batch (cancelled, when the command was cancelled first); else delivered or
     * running as it said, timed out once past its batch's deadline; else pending, undelivered once past its batch's
     * delivery deadline.
     */
    static List<NodeResult> lines(CommandFacts facts, Instant now) {
        Map<String, ResponseRow> answers = new LinkedHashMap<>();
        for (ResponseRow response : facts.responses()) {
            answers.putIfAbsent(response.node(), response);
        }
        List<NodeResult> lines = new ArrayList<>();
        for (ExpectedRow node : facts.expected()) {
            ResponseRow answer = answers.remove(node.node());
            if (answer != null) {
                lines.add(answered(answer, node.batch()));
                continue;
            }
            String subcluster = node.subcluster().or(() -> subclusterOf(facts.target())).orElse(UNKNOWN_SUBCLUSTER);
            NodeResult.State state = unanswered(facts, node, now);
            lines.add(new NodeResult(node.node(), subcluster, state, Optional.empty(), Optional.empty(), Optional.empty(),
                    node.batch()));
        }
        answers.values().forEach(answer -> lines.add(answered(answer, 0)));
        lines.sort(Comparator.comparing(NodeResult::node));
        return List.copyOf(lines);
    }

    private static NodeResult.State unanswered(CommandFacts facts, ExpectedRow node, Instant now) {
        CommandFacts.Released batch = facts.released().get(node.batch());
        if (batch == null) {
            return facts.cancelled() ? NodeResult.State.CANCELLED : NodeResult.State.WAITING;
        }
        NodeStatus said = facts.progress().get(node.node());
        if (said != null) {
            if (now.isAfter(batch.deadline())) {
                return NodeResult.State.TIMED_OUT;
            }
            return said == NodeStatus.RUNNING ? NodeResult.State.RUNNING : NodeResult.State.DELIVERED;
        }
        return now.isAfter(batch.deliverBy()) ? NodeResult.State.UNDELIVERED : NodeResult.State.PENDING;
    }

    /**
     * Whether a retrieve in {@code scope} shows a command sent to {@code commandTarget}: a broadcast retrieve shows
     * broadcasts; a subcluster retrieve shows commands to that subcluster, and broadcasts that reached any of its
     * nodes; a node retrieve shows unicasts to that node, and broadcasts and subcluster commands it was among.
     */
    static boolean shown(Target scope, Target commandTarget, List<NodeResult> lines) {
        if (scope instanceof Target.Broadcast) {
            return commandTarget instanceof Target.Broadcast;
        } else if (scope instanceof Target.Subcluster subcluster) {
            if (commandTarget instanceof Target.Subcluster target) {
                return target.name().equals(subcluster.name());
            }
            return commandTarget instanceof Target.Broadcast && !inScope(scope, lines).isEmpty();
        } else if (scope instanceof Target.Unicast unicast) {
            if (commandTarget instanceof Target.Unicast target) {
                return target.node().equals(unicast.node());
            }
            return !inScope(scope, lines).isEmpty();
        }
        throw new AssertionError("unmapped scope " + scope);
    }

    /** The lines a retrieve in {@code scope} shows: all, one subcluster's, or one node's. */
    static List<NodeResult> inScope(Target scope, List<NodeResult> lines) {
        return lines.stream().filter(line -> scope.includes(line.node(), line.subcluster())).toList();
    }

    private static NodeResult answered(ResponseRow answer, int batch) {
        return new NodeResult(answer.node(), answer.subcluster(), NodeResult.State.ANSWERED, Optional.of(answer.status()),
                Optional.of(answer.output()), Optional.of(answer.finishedAt()), batch, answer.outputParts());
    }

    private static Optional<String> subclusterOf(Target target) {
        return target instanceof Target.Subcluster subcluster ? Optional.of(subcluster.name()) : Optional.empty();
    }
}
