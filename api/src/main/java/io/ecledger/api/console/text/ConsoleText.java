package io.ecledger.api.console.text;

import io.ecledger.api.command.Issued;
import io.ecledger.api.info.ManagerInfo;
import io.ecledger.api.info.Version;
import io.ecledger.api.membership.Member;
import io.ecledger.api.retrieve.CommandResults;
import io.ecledger.api.retrieve.NodeResult;
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

    /** {@code retrieve}: the command, then each node in scope with its answer, pending or timed out. */
    public static String results(CommandResults results) {
        StringBuilder text = new StringBuilder();
        text.append(results.commandText()).append(" - command ").append(results.commandId())
                .append(" at ledger offset ").append(results.ledgerOffset())
                .append(", sent to ").append(results.target().describe())
                .append(" by ").append(results.actor()).append(" at ").append(results.issuedAt());
        if (results.nodes().isEmpty()) {
            text.append("\n(no node was expected to answer)");
        }
        for (NodeResult node : results.nodes()) {
            text.append('\n').append(node.node()).append(" (").append(node.subcluster()).append("): ");
            if (node.state() == NodeResult.State.ANSWERED) {
                text.append(node.status().map(Enum::name).orElse("OK"));
                node.output().ifPresent(output -> {
                    for (String line : output.split("\n", -1)) {
                        text.append("\n  ").append(line);
                    }
                });
            } else if (node.state() == NodeResult.State.PENDING) {
                text.append("pending");
            } else if (node.state() == NodeResult.State.TIMED_OUT) {
                text.append("timed out (deadline ").append(results.deadline()).append(')');
            } else {
                throw new AssertionError("unhandled state " + node.state());
            }
        }
        return text.toString();
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
