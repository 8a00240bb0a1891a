package io.ecledger.api.control;

import io.ecledger.api.http.RolesPrincipal;
import java.util.Optional;

/** Who a token a TCP session sent ({@code \0auth TOKEN}) belongs to: the same users and tokens as REST. */
@FunctionalInterface
public interface TokenCheck {

    /** Never answers the token itself in a log or a message; the holder it names is what the session acts as. */
    Optional<? extends RolesPrincipal> check(String token);

    /** Refuses every token. */
    TokenCheck REFUSE_ALL = token -> Optional.empty();
}
