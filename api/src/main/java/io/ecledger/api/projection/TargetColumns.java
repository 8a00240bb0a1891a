package io.ecledger.api.projection;

import io.ecledger.ledger.command.Target;
import java.util.Optional;

/** How a {@link Target} is stored: a kind column and an optional name column. */
public record TargetColumns(String kind, Optional<String> name) {

    public static final String BROADCAST = "BROADCAST";
    public static final String SUBCLUSTER = "SUBCLUSTER";
    public static final String UNICAST = "UNICAST";

    /** The columns of a target. */
    public static TargetColumns of(Target target) {
        if (target instanceof Target.Broadcast) {
            return new TargetColumns(BROADCAST, Optional.empty());
        } else if (target instanceof Target.Subcluster subcluster) {
            return new TargetColumns(SUBCLUSTER, Optional.of(subcluster.name()));
        } else if (target instanceof Target.Unicast unicast) {
            return new TargetColumns(UNICAST, Optional.of(unicast.node()));
        }
        throw new AssertionError("unmapped target " + target);
    }

    /** The target these columns store. */
    public Target target() {
        switch (kind) {
            case BROADCAST:
                return new Target.Broadcast();
            case SUBCLUSTER:
                return new Target.Subcluster(name.orElseThrow(() -> missingName()));
            case UNICAST:
                return new Target.Unicast(name.orElseThrow(() -> missingName()));
            default:
                throw new IllegalArgumentException("unknown target kind '" + kind + "'");
        }
    }

    private IllegalArgumentException missingName() {
        return new IllegalArgumentException("a " + kind + " target needs a name");
    }
}
