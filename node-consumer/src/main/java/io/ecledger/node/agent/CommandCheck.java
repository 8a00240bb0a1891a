package io.ecledger.node.agent;

import io.ecledger.ledger.command.CommandRejectedException;
import io.ecledger.ledger.command.Grammar;
import io.ecledger.ledger.event.BatchReleased;
import io.ecledger.ledger.event.CommandIssued;
import io.ecledger.ledger.event.LedgerEvent;
import io.ecledger.ledger.sign.SignatureCheck;
import io.ecledger.ledger.sign.SignatureVerdict;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * What an agent checks before it runs a command read off the ledger, in this order: the manager's signature, that
 * this agent has not answered the command before, the chain link to the last genuine ledger event it read, the
 * grammar's one-line rule, and a deadline not too far out. Pure: the signature verdict, what was answered and the
 * chain link are the caller's to say.
 */
public final class CommandCheck {

    private final SignatureCheck signature;
    private final Duration maxDeadline;

    /** A check pinned to the manager's {@code managerKey}, refusing deadlines more than {@code maxDeadline} out. */
    public CommandCheck(PublicKey managerKey, Duration maxDeadline) {
        this.signature = new SignatureCheck(Objects.requireNonNull(managerKey, "managerKey"));
        this.maxDeadline = Objects.requireNonNull(maxDeadline, "maxDeadline");
    }

    /**
     * Why the command in {@code event} (issued, or a batch of it released), whose record is {@code encoded}, must not run under the pinned key; empty
     * when it may. {@code answeredAt} is the ledger offset at which this agent already answered the same command id,
     * if it did. The chain link is not checked: see {@link #refusal(LedgerEvent, SignatureVerdict, OptionalLong, Optional)}.
     */
    public Optional<String> refusal(LedgerEvent event, byte[] encoded, OptionalLong answeredAt) {
        return refusal(event, signature.check(encoded), answeredAt, Optional.empty());
    }

    /**
     * Why the command in {@code event} must not run; empty when it may. {@code verdict} is its signature under the
     * manager key of the moment, {@code answeredAt} where this agent answered the same command id before, and
     * {@code linkMismatch} why it does not follow the last genuine ledger event, when it does not.
     */
    public Optional<String> refusal(LedgerEvent event, SignatureVerdict verdict, OptionalLong answeredAt,
            Optional<String> linkMismatch) {
        UUID commandId;
        String commandText;
        Instant deadline;
        if (event.payload() instanceof CommandIssued command) {
            commandId = command.commandId();
            commandText = command.commandText();
            deadline = command.deadline();
        } else if (event.payload() instanceof BatchReleased batch) {
            commandId = batch.commandId();
            commandText = batch.commandText();
            deadline = batch.deadline();
        } else {
            throw new IllegalArgumentException("not a command: " + event.payload().summary());
        }
        // the signature first: nothing else in a record is worth believing until the manager's key vouches for it
        if (verdict instanceof SignatureVerdict.Refused refused) {
            return Optional.of(refused.reason());
        }
        // a signed record that is no new command is a copy; saying so beats saying where its link points
        if (answeredAt.isPresent()) {
            return Optional.of("copy of command " + commandId + " already answered at offset "
                    + answeredAt.getAsLong());
        }
        if (linkMismatch.isPresent()) {
            return linkMismatch;
        }
        try {
            Grammar.requireOneLine(commandText);
        } catch (CommandRejectedException e) {
            return Optional.of("command text breaks the grammar: " + e.getMessage() + " at " + e.position());
        }
        Duration ahead = Duration.between(event.occurredAt(), deadline);
        if (ahead.compareTo(maxDeadline) > 0) {
            return Optional.of("deadline " + deadline + " is " + ahead + " after the command was issued at "
                    + event.occurredAt() + ", more than the agent's bound of " + maxDeadline);
        }
        return Optional.empty();
    }

    /** Whether a record that is no command for this node is what the manager signed; the reason when not. */
    public Optional<String> signatureRefusal(byte[] encoded) {
        return signature.check(encoded) instanceof SignatureVerdict.Refused refused
                ? Optional.of(refused.reason()) : Optional.empty();
    }
}
