package io.ecledger.api.console;

import io.ecledger.api.command.CommandIssuer;
import io.ecledger.api.console.text.ConsoleText;
import io.ecledger.ledger.command.Command;

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
        handlers.on(Command.Send.class, (send, caller) -> send.options().dryRun()
                ? ConsoleText.plan(send, issuer.plan(send.target(), send.options()))
                : ConsoleText.issued(send.target(), issuer.issue(send.target(), send.commandText(), send.options(),
                        caller.actor(), caller.origin())));
    }
}
