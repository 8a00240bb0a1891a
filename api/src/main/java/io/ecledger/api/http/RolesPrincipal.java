package io.ecledger.api.http;

import java.security.Principal;
import java.util.Set;

/** An authenticated REST caller: its name is the actor on what it appends, its roles are what the policy decides on. */
public interface RolesPrincipal extends Principal {

    /** The policy roles this caller holds, e.g. {@code operator}. */
    Set<String> roles();
}
