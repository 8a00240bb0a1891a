package io.ecledger.ledger.event;

import java.util.Objects;

/**
 * A command the policy refused: never run, kept on the record. The envelope's actor and origin say who tried it and
 * through which door; {@code rule} names the policy rule that denied it and {@code reason} is what the caller was told.
 */
public record CommandDenied(String line, String rule, String reason) implements Payload {

    public CommandDenied {
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(reason, "reason");
        if (rule == null || rule.isBlank()) {
            throw new IllegalArgumentException("a denial names the rule that denied it");
        }
    }

    @Override
    public String summary() {
        return "DENIED by rule " + rule + ": " + line;
    }
}
