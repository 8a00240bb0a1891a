package io.ecledger.api.auth;

import io.ecledger.api.http.RolesPrincipal;
import io.ecledger.ledger.command.Names;
import java.util.Set;

/** An authenticated caller: a user of the users file, with the roles it gives them. */
public record User(String name, Set<String> roles) implements RolesPrincipal {

    public User {
        Names.require("user name", name);
        roles = Set.copyOf(roles);
    }

    @Override
    public String getName() {
        return name;
    }
}
