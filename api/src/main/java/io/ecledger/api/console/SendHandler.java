package io.ecledger.api.console;

import io.ecledger.api.command.CommandIssuer;
import io.ecledger.api.console.text.ConsoleText;
import io.ecledger.ledger.command.Command;

/** {@code broadcast}, {@code subcluster broadcast} and {@code unicast}: appended to the ledger for the nodes to run. */
public final class SendHandler implements Handlers.Group {

    private final CommandIssuer issuer;

    public SendHandler(CommandIssuer issuer) {
        this.issuer = issuer;
    }

    @Override
    public void addTo(Handlers.Builder handlers) {
        handlers.on(Command.Send.class, (send, caller) -> ConsoleText.issued(send.target(),
                issuer.issue(send.target(), send.commandText(), caller.actor(), caller.origin())));
    }
}
