package io.ecledger.api.command;

import io.ecledger.api.http.Refused;
import io.ecledger.ledger.command.Command;
import io.ecledger.ledger.command.CommandRejectedException;
import io.ecledger.ledger.command.Grammar;
import io.ecledger.ledger.command.Names;
import io.ecledger.ledger.command.Target;

/** The body of {@code POST /v1/commands}: a target and the node console command. */
public record CommandRequest(TargetRequest target, String command) {

    /** Exactly one of {@code {"broadcast": true}}, {@code {"subcluster": NAME}}, {@code {"node": NAME}}. */
    public record TargetRequest(Boolean broadcast, String subcluster, String node) {

        /** The target this request names, or {@link Refused} when it names none or several. */
        public Target toTarget() {
            int given = (Boolean.TRUE.equals(broadcast) ? 1 : 0) + (subcluster != null ? 1 : 0) + (node != null ? 1 : 0);
            if (given != 1) {
                throw new Refused("invalid-target",
                        "target must be exactly one of {\"broadcast\": true}, {\"subcluster\": NAME}, {\"node\": NAME}");
            }
            if (subcluster != null) {
                requireName("subcluster", subcluster);
                return new Target.Subcluster(subcluster);
            }
            if (node != null) {
                requireName("node", node);
                return new Target.Unicast(node);
            }
            return new Target.Broadcast();
        }

        private static void requireName(String kind, String name) {
            if (!Names.isValid(name)) {
                throw new Refused("invalid-name", "'" + name + "' is not a valid " + kind + " name");
            }
        }
    }

    /**
     * The send this request means, checked by the grammar exactly as the console line saying it would be, so REST
     * and the console refuse alike; {@link Refused} when it is refused.
     */
    Command.Send send(Grammar grammar) {
        if (target == null) {
            throw new Refused("invalid-target", "target is missing");
        }
        try {
            return grammar.send(target.toTarget(), command);
        } catch (CommandRejectedException e) {
            throw new Refused("invalid-command", e.getMessage());
        }
    }
}
