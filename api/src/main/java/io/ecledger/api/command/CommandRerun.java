package io.ecledger.api.command;

import io.ecledger.api.access.Admission;
import io.ecledger.api.access.Caller;
import io.ecledger.api.http.Refused;
import io.ecledger.api.retrieve.CommandResults;
import io.ecledger.api.retrieve.NodeResult;
import io.ecledger.api.retrieve.PhaseCounts;
import io.ecledger.api.retrieve.Results;
import io.ecledger.ledger.command.Command;
import io.ecledger.ledger.command.Grammar;
import io.ecledger.ledger.event.NodeStatus;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code rerun}: sends a command again, as a new command linked to it, to only the nodes it chose among the
 * original's; the send is decided by the policy as the same text to the same target would be.
 */
public final class CommandRerun {

    private static final Set<NodeStatus> FAILURES =
            Set.of(NodeStatus.ERROR, NodeStatus.REJECTED, NodeStatus.EXPIRED, NodeStatus.UNKNOWN);

    /** What a rerun chose and did: the original, the nodes chosen with their counts, those gone, the new command. */
    public record Rerun(CommandResults original, Command.Rerun request, List<String> nodes,
                        PhaseCounts counts, List<String> gone, Optional<Issued> issued) {}

    private final Results results;
    private final CommandIssuer issuer;
    private final Admission admission;
    private final Grammar grammar;
    private final Clock clock;

    public CommandRerun(Results results, CommandIssuer issuer, Admission admission, Grammar grammar, Clock clock) {
        this.results = results;
        this.issuer = issuer;
        this.admission = admission;
        this.grammar = grammar;
        this.clock = clock;
    }

    /** Does {@code request} for {@code caller}: nothing is sent for a dry run, or when no node is chosen. */
    public Rerun rerun(Command.Rerun request, Caller caller) {
        CommandResults original = results.command(request.commandId(), clock.instant())
                .orElseThrow(() -> new Refused("no-such-command", "no command " + request.commandId()
                        + ": nothing to rerun"));
        List<NodeResult> chosen = original.nodes().stream().filter(node -> chosen(request.which(), node)).toList();
        PhaseCounts counts = PhaseCounts.of(chosen.stream().map(NodeResult::phase));
        if (chosen.isEmpty()) {
            throw new Refused("nothing-to-rerun", "nothing to rerun: no node of command " + original.commandId() + " is "
                    + describe(request.which()) + " (" + original.counts().text() + ")");
        }
        Command.Send send = new Command.Send(original.target(), original.commandText());
        admission.admit(caller, send, grammar.line(send));
        // a node that left since is not sent to again: the rerun says so
        List<String> members = issuer.expectedNodes(original.target());
        List<String> nodes = chosen.stream().map(NodeResult::node).filter(members::contains).sorted().toList();
        List<String> gone = chosen.stream().map(NodeResult::node).filter(node -> !members.contains(node)).toList();
        if (request.dryRun() || nodes.isEmpty()) {
            return new Rerun(original, request, nodes, counts, gone, Optional.empty());
        }
        Issued issued = issuer.rerun(original, nodes, caller.actor(), caller.origin());
        return new Rerun(original, request, nodes, counts, gone, Optional.of(issued));
    }

    private static boolean chosen(Command.Rerun.Which which, NodeResult node) {
        boolean answered = node.state() == NodeResult.State.ANSWERED;
        if (which == Command.Rerun.Which.FAILED) {
            return answered && FAILURES.contains(node.status().orElseThrow());
        }
        if (which == Command.Rerun.Which.SILENT) {
            return node.state() == NodeResult.State.UNDELIVERED || node.state() == NodeResult.State.TIMED_OUT;
        }
        if (which == Command.Rerun.Which.NOT_OK) {
            return node.state().done() && !(answered && node.status().orElseThrow() == NodeStatus.OK);
        }
        throw new AssertionError("unmapped rerun choice " + which);
    }

    static String describe(Command.Rerun.Which which) {
        if (which == Command.Rerun.Which.FAILED) {
            return "failed (ERROR, REJECTED, EXPIRED)";
        }
        if (which == Command.Rerun.Which.SILENT) {
            return "silent (undelivered, timed out)";
        }
        if (which == Command.Rerun.Which.NOT_OK) {
            return "done and not OK";
        }
        throw new AssertionError("unmapped rerun choice " + which);
    }
}
