package io.ecledger.api.access;

import io.ecledger.ledger.command.Origin;
import java.util.Objects;
import java.util.Set;

/**
 * Who sent a console line, through which door, and the roles the door's authentication gave them: what every event
 * it appends carries as actor and origin, and what the command policy decides on.
 */
public record Caller(String actor, Origin origin, Set<String> roles) {

    public Caller {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(origin, "origin");
        roles = Set.copyOf(roles);
    }
}
