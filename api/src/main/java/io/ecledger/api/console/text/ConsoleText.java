package io.ecledger.api.console.text;

import io.ecledger.api.command.CommandCanceller;
import io.ecledger.api.command.CommandRerun;
import io.ecledger.api.command.Issued;
import io.ecledger.api.info.ManagerInfo;
import io.ecledger.api.info.Version;
import io.ecledger.api.membership.Member;
import io.ecledger.api.retrieve.CommandResults;
import io.ecledger.api.retrieve.NodeResult;
import io.ecledger.ledger.command.Command;
import io.ecledger.ledger.command.Target;
import java.util.List;

/**
 * The text the console prints for each answer: one stable, line-oriented format for console, REST and control
 * listener. The answers of one feature with more than a line or two have a class of their own here.
 */
public final class ConsoleText {

    private ConsoleText() {}

    /** {@code broadcast}, {@code subcluster broadcast}, {@code unicast}: where it went and when answers are due. */
    public static String issued(Target target, Issued issued) {
        return "sent to " + target.describe() + ": " + issued.expectedNodes().size() + " node(s)"
                + (issued.expectedNodes().isEmpty() ? "" : " " + String.join(", ", issued.expectedNodes())) + "\n"
                + "command " + issued.commandId() + " at ledger offset " + issued.offset()
                + ", answers due by " + issued.deadline();
    }

    /**
     * {@code retrieve}: the command (how it went out, whether it was cancelled), the count of nodes in each state, then
     * each node in scope with its answer or how far it got.
     */
    public static String results(CommandResults results) {
        StringBuilder text = new StringBuilder();
        text.append(results.commandText()).append(" - command ").append(results.commandId())
                .append(" at ledger offset ").append(results.ledgerOffset())
                .append(", sent to ").append(results.target().describe())
                .append(" by ").append(results.actor()).append(" at ").append(results.issuedAt());
        results.rollout().ifPresent(rollout -> text.append(", in batches (").append(rollout).append(')'));
        results.rerunOf().ifPresent(original -> text.append(", re-running command ").append(original));
        results.cancel().ifPresent(cancel -> text.append("\ncancelled by ").append(cancel.actor()).append(" at ")
                .append(cancel.cancelledAt()).append(" (ledger offset ").append(cancel.ledgerOffset()).append("): ")
                .append(cancel.reason()));
        if (results.nodes().isEmpty()) {
            text.append("\n(no node was expected to answer)");
        } else {
            text.append('\n').append(counts(results));
        }
        for (NodeResult node : results.nodes()) {
            text.append('\n').append(node.node()).append(" (").append(node.subcluster()).append("): ");
            if (results.rollout().isPresent()) {
                text.append("[batch ").append(node.batch()).append("] ");
            }
            if (node.state() == NodeResult.State.ANSWERED) {
                text.append(node.status().map(Enum::name).orElse("OK"));
                node.output().ifPresent(output -> {
                    for (String line : output.split("\n", -1)) {
                        text.append("\n  ").append(line);
                    }
                });
                if (node.outputParts() > 0) {
                    text.append("\n  [output continues in ").append(node.outputParts()).append(" more part(s): history show ")
                            .append(results.ledgerOffset()).append(" or GET /v1/commands/").append(results.commandId())
                            .append("/nodes/").append(node.node()).append("/output]");
                }
            } else {
                text.append(unanswered(node.state(), results));
            }
        }
        return text.toString();
    }

    /** {@code 10 nodes: 7 ok, 1 error, 2 running}: how many nodes are in each state. */
    public static String counts(CommandResults results) {
        return results.counts().withTotal();
    }

    private static String unanswered(NodeResult.State state, CommandResults results) {
        if (state == NodeResult.State.PENDING) {
            return "pending";
        } else if (state == NodeResult.State.WAITING) {
            return "waiting for its batch";
        } else if (state == NodeResult.State.DELIVERED) {
            return "delivered (queued on the node)";
        } else if (state == NodeResult.State.RUNNING) {
            return "running";
        } else if (state == NodeResult.State.UNDELIVERED) {
            return "undelivered (no word from the node by its delivery deadline)";
        } else if (state == NodeResult.State.TIMED_OUT) {
            return "timed out (got it, no answer by the deadline " + results.deadline() + ")";
        } else if (state == NodeResult.State.CANCELLED) {
            return "cancelled before its batch went out";
        }
        throw new AssertionError("unhandled state " + state);
    }

    /** What a {@code --dry-run} would send: the nodes of each batch, in the order they would go out. */
    public static String plan(Command.Send send, List<List<String>> batches) {
        int nodes = batches.stream().mapToInt(List::size).sum();
        StringBuilder text = new StringBuilder("dry run, nothing sent: '").append(send.commandText()).append("' to ")
                .append(send.target().describe()).append(" would reach ").append(nodes)
                .append(nodes == 1 ? " node" : " nodes");
        if (!send.options().rollout()) {
            text.append(" at once");
        } else {
            text.append(" in ").append(batches.size()).append(batches.size() == 1 ? " batch" : " batches").append(" (")
                    .append(send.options().asTyped()).append(')');
        }
        for (int batch = 0; batch < batches.size(); batch++) {
            text.append("\nbatch ").append(batch).append(": ").append(String.join(", ", batches.get(batch)));
        }
        return text.toString();
    }

    /** What {@code rerun} chose, counted, and sent (or would send, for a dry run). */
    public static String rerun(CommandRerun.Rerun rerun) {
        StringBuilder text = new StringBuilder();
        if (rerun.issued().isEmpty()) {
            text.append("dry run, nothing sent: ");
        }
        text.append("rerun ").append(rerun.request().which().flag()).append(" of command ")
                .append(rerun.original().commandId()).append(" (").append(rerun.original().commandText()).append("): ")
                .append(rerun.nodes().size()).append(" of ").append(rerun.original().nodes().size()).append(" nodes (")
                .append(rerun.counts().text())
                .append(')');
        if (!rerun.nodes().isEmpty()) {
            text.append(": ").append(String.join(", ", rerun.nodes()));
        }
        if (!rerun.gone().isEmpty()) {
            text.append("\nnot sent to, no longer members: ").append(String.join(", ", rerun.gone()));
        }
        rerun.issued().ifPresent(issued -> text.append('\n').append(issued(rerun.original().target(), issued)));
        return text.toString();
    }

    /** What {@code cancel} did. */
    public static String cancelled(CommandCanceller.Cancelled cancelled) {
        return "cancelled command " + cancelled.commandId() + " (" + cancelled.commandText() + ") at ledger offset "
                + cancelled.ledgerOffset() + ": unreleased batches never go out, nodes that have not started it answer "
                + "CANCELLED, running ones are stopped where their executor can";
    }

    /** {@code retrieve} when the results buffer holds no such command for the scope. */
    public static String nothingToRetrieve(Target scope, String commandText) {
        return "no command '" + commandText + "' for " + scope.describe()
                + " since the last flush of the results buffer";
    }

    /** {@code show cluster membership}: the manager, then every node with its role and state. */
    public static String membership(String managerHost, List<Member> members) {
        StringBuilder text = new StringBuilder(String.format("%-20s %-12s %-28s %-8s %s", "NODE", "SUBCLUSTER", "HOST", "ROLE", "STATE"));
        text.append('\n').append(String.format("%-20s %-12s %-28s %-8s %s", "eccmgr", "-", managerHost, "manager", "alive"));
        for (Member m : members) {
            String state = m.left() ? "left" : m.alive() ? "alive" : "silent since " + m.lastSeen();
            text.append('\n').append(String.format("%-20s %-12s %-28s %-8s %s", m.node(), m.subcluster(), m.host(), "node", state));
        }
        return text.toString();
    }

    /** {@code flush control cache}. */
    public static String flushed(long offset) {
        return "results buffer flushed at ledger offset " + offset;
    }

    /** {@code shutdown}, sent before the manager stops. */
    public static String shuttingDown() {
        return "eccmgr shutting down";
    }

    /** {@code version}. */
    public static String version() {
        return Version.banner();
    }

    /** {@code info}: the cluster, this manager, its nodes and where the ledger and projection stand. */
    public static String info(ManagerInfo info) {
        long lag = info.projectionLag();
        return "cluster: " + info.cluster() + "\n"
                + "manager: eccmgr " + info.version() + " on " + info.manager() + "\n"
                + "nodes: " + info.nodes() + " (" + info.alive() + " alive) in " + info.subclusters() + " subcluster(s)\n"
                + "ledger: next offset " + info.ledgerOffset() + ", projection lag " + (lag < 0 ? "unknown" : String.valueOf(lag))
                + "\nmanager key: " + info.managerKey()
                + (info.managerKeyRotatedAt() < 0 ? "" : " (rotated at offset " + info.managerKeyRotatedAt() + ")");
    }
}
