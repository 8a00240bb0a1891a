package io.ecledger.api.policy;

import io.ecledger.api.access.Admission;
import io.ecledger.api.access.Caller;
import io.ecledger.api.access.DenialSink;
import io.ecledger.api.http.Refused;
import io.ecledger.ledger.command.Command;
import io.ecledger.ledger.policy.CommandPolicy;
import io.ecledger.ledger.policy.Decision;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Where the command policy is applied: every console command passes {@link #admit} before its handler runs. A denied
 * one goes on the record through the {@link DenialSink} and comes back as a 403 {@link Refused} naming the rule.
 */
public final class Gate implements Admission {

    private final Supplier<CommandPolicy> policy;
    private final DenialSink sink;

    /** Decides by the policy {@code policy} gives at each command, so a reloaded policy applies to the next one. */
    public Gate(Supplier<CommandPolicy> policy, DenialSink sink) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /**
     * Returns when {@code caller} may run {@code command}; otherwise records the denial of {@code line} (what the
     * caller sent) and throws {@link Refused#forbidden}.
     */
    @Override
    public void admit(Caller caller, Command command, String line) {
        enforce(caller, policy.get().decide(caller.roles(), command), line);
    }

    /**
     * Returns when {@code caller} may run commands of {@code commandClass} (a REST request that is no console
     * command); otherwise records the denial of {@code request} and throws {@link Refused#forbidden}.
     */
    public void admit(Caller caller, String commandClass, String request) {
        enforce(caller, policy.get().decide(caller.roles(), commandClass), request);
    }

    /**
     * Whether callers with {@code roles} may run commands of {@code commandClass}, asked without acting (what a page
     * offers): nothing is recorded, and every real request is still decided by {@link #admit}.
     */
    public boolean allows(java.util.Set<String> roles, String commandClass) {
        return policy.get().decide(roles, commandClass) instanceof Decision.Allowed;
    }

    private void enforce(Caller caller, Decision decision, String line) {
        if (decision instanceof Decision.Allowed) {
            return;
        }
        if (decision instanceof Decision.Denied) {
            Decision.Denied denied = (Decision.Denied) decision;
            // the sink logs the one line per denial (with its ledger offset, or why it was not recorded)
            sink.denied(caller, line, denied.rule(), denied.reason());
            throw Refused.forbidden(denied.rule(), denied.reason());
        }
        throw new AssertionError("unknown decision " + decision);
    }
}
