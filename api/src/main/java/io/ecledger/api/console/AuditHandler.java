package io.ecledger.api.console;

import io.ecledger.api.audit.AuditService;
import io.ecledger.api.console.text.AuditText;
import io.ecledger.ledger.command.Command;

/** {@code audit verify [--from-checkpoint]}. */
public final class AuditHandler implements Handlers.Group {

    private final AuditService audit;

    public AuditHandler(AuditService audit) {
        this.audit = audit;
    }

    @Override
    public void addTo(Handlers.Builder handlers) {
        handlers.on(Command.AuditVerify.class, (command, caller) -> AuditText.verdict(audit.verify(command.fromCheckpoint())));
    }
}
