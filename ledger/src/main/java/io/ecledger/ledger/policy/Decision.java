package io.ecledger.ledger.policy;

import java.util.Objects;

/** What the policy says about one command from one caller, naming the rule that decided it. */
public sealed interface Decision permits Decision.Allowed, Decision.Denied {

    /** The stable name of the deciding rule, e.g. {@code operator: deny send "shutdown*"}. */
    String rule();

    /** True for {@link Allowed}. */
    default boolean allowed() {
        return this instanceof Allowed;
    }

    /** The command may run. */
    record Allowed(String rule) implements Decision {
        public Allowed {
            Objects.requireNonNull(rule, "rule");
        }
    }

    /** The command must not run; {@code reason} is a sentence for the operator that names the rule. */
    record Denied(String rule, String reason) implements Decision {
        public Denied {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
