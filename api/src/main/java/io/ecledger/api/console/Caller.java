package io.ecledger.api.console;

import io.ecledger.ledger.command.Origin;
import java.util.Objects;

/** Who sent a console line and through which door: what every event it appends carries as actor and origin. */
public record Caller(String actor, Origin origin) {

    public Caller {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(origin, "origin");
    }
}
