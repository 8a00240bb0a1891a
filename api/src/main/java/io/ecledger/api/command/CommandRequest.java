package io.ecledger.api.command;

import io.ecledger.api.http.Refused;
import io.ecledger.ledger.command.Command;
import io.ecledger.ledger.command.CommandRejectedException;
import io.ecledger.ledger.command.Grammar;
import io.ecledger.ledger.command.Names;
import io.ecledger.ledger.command.Target;

/**
 * The body of {@code POST /v1/commands}: a target and the node console command, and for a broadcast how it goes out:
 * {@code batch} ({@code "10%"} or {@code "5"}), {@code batchWait} ({@code "30s"}), {@code maxErrors}, {@code dryRun}.
 */
public record CommandRequest(TargetRequest target, String command, String batch, String batchWait, String maxErrors,
                             Boolean dryRun) {

    /** A command sent to every node of the target at once. */
    public CommandRequest(TargetRequest target, String command) {
        this(target, command, null, null, null, null);
    }

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
        Target to = target.toTarget();
        Command.Send send;
        try {
            send = grammar.send(to, command);
        } catch (CommandRejectedException e) {
            throw new Refused("invalid-command", e.getMessage());
        }
        StringBuilder words = new StringBuilder();
        option(words, "--batch", batch);
        option(words, "--batch-wait", batchWait);
        option(words, "--max-errors", maxErrors);
        if (Boolean.TRUE.equals(dryRun)) {
            words.append(" --dry-run");
        }
        if (words.length() == 0) {
            return send;
        }
        if (to instanceof Target.Unicast) {
            throw new Refused("invalid-options", "a unicast goes to one node: batch, batchWait, maxErrors and dryRun "
                    + "are for a broadcast or subcluster");
        }
        try {
            return new Command.Send(to, send.commandText(), grammar.sendOptions(Command.Send.verbOf(to),
                    words.toString().strip()));
        } catch (CommandRejectedException e) {
            throw new Refused("invalid-options", e.getMessage());
        }
    }

    // a value is one word: a space inside it would pass a second option
    private static void option(StringBuilder words, String flag, String value) {
        if (value == null) {
            return;
        }
        if (value.isBlank() || value.chars().anyMatch(Character::isWhitespace)) {
            throw new Refused("invalid-options", flag.substring(2) + " must be one word, like 10%, 5 or 30s");
        }
        words.append(' ').append(flag).append(' ').append(value);
    }
}
