package io.ecledger.api.command;

import io.ecledger.api.http.Refused;
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

    /** The console line this request means, so the one grammar validates REST and console alike. */
    String consoleLine() {
        if (target == null) {
            throw new Refused("invalid-target", "target is missing");
        }
        Target resolved = target.toTarget();
        String text = command == null ? "" : command;
        if (resolved instanceof Target.Broadcast) {
            return "broadcast " + text;
        }
        if (resolved instanceof Target.Subcluster) {
            return "subcluster broadcast " + ((Target.Subcluster) resolved).name() + " " + text;
        }
        if (resolved instanceof Target.Unicast) {
            return "unicast " + ((Target.Unicast) resolved).node() + " " + text;
        }
        throw new AssertionError("unhandled target " + resolved);
    }
}
