package io.ecledger.api.console;

import io.ecledger.api.command.CommandIssuer;
import io.ecledger.api.command.Issued;
import io.ecledger.api.console.text.ConsoleText;
import io.ecledger.ledger.command.Command;
import java.util.Optional;

/**
 * {@code broadcast}, {@code subcluster broadcast} and {@code unicast}: appended to the ledger for the nodes to run, at
 * once or in batches; a dry run only shows the batches.
 */
public final class SendHandler implements Handlers.Group {

    private final CommandIssuer issuer;

    public SendHandler(CommandIssuer issuer) {
        this.issuer = issuer;
    }

    @Override
    public void addTo(Handlers.Builder handlers) {
        handlers.issuing(Command.Send.class, (send, caller) -> {
            if (send.options().dryRun()) {
                return Answer.text(ConsoleText.plan(send, issuer.plan(send.target(), send.options())));
            }
            Issued issued = issuer.issue(send.target(), send.commandText(), send.options(), caller.actor(),
                    caller.origin());
            return new Answer(ConsoleText.issued(send.target(), issued), Optional.of(issued));
        });
    }
}
