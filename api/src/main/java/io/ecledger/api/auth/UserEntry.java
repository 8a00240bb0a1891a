package io.ecledger.api.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ecledger.ledger.command.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One user of the users file: a name (the one name rule), roles, an optional bcrypt password hash and the hashes of
 * the tokens issued to them.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record UserEntry(String name, List<String> roles, Optional<String> passwordHash, List<StoredToken> tokens) {

    public UserEntry {
        Names.require("user name", name);
        roles = List.copyOf(roles == null ? List.of() : roles);
        roles.forEach(role -> Names.requireWord("role", role));
        passwordHash = passwordHash == null ? Optional.empty() : passwordHash;
        passwordHash.ifPresent(hash -> {
            if (!hash.startsWith("$2")) {
                throw new IllegalArgumentException("user " + name + ": passwordHash is not a bcrypt hash ($2a$/$2b$/$2y$)");
            }
        });
        tokens = List.copyOf(tokens == null ? List.of() : tokens);
    }

    public User user() {
        return new User(name, java.util.Set.copyOf(roles));
    }

    public UserEntry withToken(StoredToken token) {
        List<StoredToken> more = new ArrayList<>(tokens);
        more.add(token);
        return new UserEntry(name, roles, passwordHash, more);
    }

    public UserEntry withoutToken(String id) {
        return new UserEntry(name, roles, passwordHash, tokens.stream().filter(t -> !t.id().equals(id)).toList());
    }
}
