package io.ecledger.api.console;

import io.ecledger.api.command.Issued;
import io.ecledger.api.membership.Member;
import io.ecledger.api.retrieve.CommandResults;
import io.ecledger.api.retrieve.NodeResult;
import io.ecledger.ledger.command.Target;
import java.util.List;

/** The text the console prints for each answer: one stable, line-oriented format for console, REST and control listener. */
final class ConsoleText {

    private ConsoleText() {}

    static String issued(Target target, Issued issued) {
        return "sent to " + target.describe() + ": " + issued.expectedNodes().size() + " node(s)"
                + (issued.expectedNodes().isEmpty() ? "" : " " + String.join(", ", issued.expectedNodes())) + "\n"
                + "command " + issued.commandId() + " at ledger offset " + issued.offset()
                + ", answers due by " + issued.deadline();
    }

    static String results(CommandResults results) {
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

    static String nothingToRetrieve(Target scope, String commandText) {
        return "no command '" + commandText + "' for " + scope.describe()
                + " since the last flush of the results buffer";
    }

    static String membership(String managerHost, List<Member> members) {
        StringBuilder text = new StringBuilder(String.format("%-20s %-12s %-28s %-8s %s", "NODE", "SUBCLUSTER", "HOST", "ROLE", "STATE"));
        text.append('\n').append(String.format("%-20s %-12s %-28s %-8s %s", "eccmgr", "-", managerHost, "manager", "alive"));
        for (Member m : members) {
            String state = m.left() ? "left" : m.alive() ? "alive" : "silent since " + m.lastSeen();
            text.append('\n').append(String.format("%-20s %-12s %-28s %-8s %s", m.node(), m.subcluster(), m.host(), "node", state));
        }
        return text.toString();
    }
}
