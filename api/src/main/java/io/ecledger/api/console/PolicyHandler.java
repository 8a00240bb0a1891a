package io.ecledger.api.console;

import io.ecledger.api.history.HistoryService;
import io.ecledger.api.history.PolicyRow;
import io.ecledger.api.http.Refused;
import io.ecledger.api.policy.CurrentPolicy;
import io.ecledger.api.policy.PolicyLoadRecorder;
import io.ecledger.ledger.command.AsOf;
import io.ecledger.ledger.command.Command;
import io.ecledger.ledger.policy.CommandPolicy;
import io.ecledger.ledger.policy.PolicyException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.OptionalLong;

/** {@code policy show [--at POINT]} and {@code policy reload}. */
public final class PolicyHandler implements Handlers.Group {

    private final CurrentPolicy policy;
    private final PolicyLoadRecorder recorder;
    private final HistoryService history;

    public PolicyHandler(CurrentPolicy policy, PolicyLoadRecorder recorder, HistoryService history) {
        this.policy = policy;
        this.recorder = recorder;
        this.history = history;
    }

    @Override
    public void addTo(Handlers.Builder handlers) {
        handlers.on(Command.PolicyShow.class, (command, caller) -> command.at().isPresent()
                ? inForceAt(command.at().get()) : inForce());
        handlers.on(Command.PolicyReload.class, (command, caller) -> {
            CommandPolicy reread;
            try {
                reread = policy.reread();
            } catch (PolicyException | UncheckedIOException e) {
                throw new Refused("invalid-policy", e.getMessage() + "; the policy in force is unchanged");
            }
            OptionalLong offset = recorder.recordIfChanged(reread.text(), reread.sha256(), policy.source(),
                    caller.actor(), caller.origin());
            policy.apply(reread);
            return offset.isPresent()
                    ? "policy reloaded from " + policy.source() + ", sha256 " + reread.sha256() + ": in force from ledger offset "
                            + offset.getAsLong() + "\n"
                    : "policy unchanged (sha256 " + reread.sha256() + "): nothing appended\n";
        });
    }

    private String inForce() {
        CommandPolicy now = policy.get();
        return "policy in force, from " + policy.source() + ", sha256 " + now.sha256() + "\n\n" + now.text();
    }

    private String inForceAt(AsOf point) {
        Optional<PolicyRow> row = history.policyAt(point);
        if (row.isEmpty()) {
            return "No policy was loaded at or before " + describe(point)
                    + ": no PolicyLoaded event precedes it on the ledger.\n";
        }
        PolicyRow loaded = row.get();
        return "policy in force at " + describe(point) + ": loaded at ledger offset " + loaded.ledgerOffset() + " ("
                + loaded.loadedAt() + ") by " + loaded.actor() + " from " + loaded.source() + ", sha256 "
                + loaded.sha256() + "\n\n" + loaded.policyText();
    }

    private static String describe(AsOf point) {
        return point instanceof AsOf.Offset ? "ledger offset " + point.text() : point.text();
    }
}
