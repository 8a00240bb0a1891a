package io.ecledger.api.control;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Who a token a TCP session sent with {@code \0auth TOKEN} belongs to, and their roles; empty for a token nobody holds. */
@FunctionalInterface
public interface TokenCheck {

    /** Never answers the token itself in a log or a message; the identity it names is what the session acts as. */
    Optional<Identity> check(String token);

    /** Refuses every token: what a manager without a users file does. */
    TokenCheck REFUSE_ALL = token -> Optional.empty();

    /** A token's holder: the actor its commands carry, and the roles the policy gave them. */
    record Identity(String name, Set<String> roles) {
        public Identity {
            Objects.requireNonNull(name, "name");
            roles = Set.copyOf(roles);
        }
    }
}
