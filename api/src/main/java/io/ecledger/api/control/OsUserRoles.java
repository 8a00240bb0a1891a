package io.ecledger.api.control;

import java.util.Set;

/**
 * The roles of a Unix-socket session, from the OS user its peer credentials ({@code SO_PEERCRED}) name: the one
 * place the control listener turns a user into what the command policy decides on.
 */
@FunctionalInterface
public interface OsUserRoles {

    /** The roles {@code osUser} has; empty for a user the policy does not map. */
    Set<String> rolesOf(String osUser);
}
