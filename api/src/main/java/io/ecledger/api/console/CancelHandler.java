package io.ecledger.api.console;

import io.ecledger.api.command.CommandCanceller;
import io.ecledger.api.console.text.ConsoleText;
import io.ecledger.ledger.command.Command;
import io.ecledger.ledger.command.Grammar;

/** {@code cancel}: a cancel event appended to the ledger for the nodes and the rollout to heed. */
public final class CancelHandler implements Handlers.Group {

    private final CommandCanceller canceller;
    private final Grammar grammar;

    public CancelHandler(CommandCanceller canceller, Grammar grammar) {
        this.canceller = canceller;
        this.grammar = grammar;
    }

    @Override
    public void addTo(Handlers.Builder handlers) {
        handlers.on(Command.Cancel.class, (cancel, caller) -> ConsoleText.cancelled(canceller.cancel(cancel,
                "requested with '" + grammar.line(cancel) + "'", caller.actor(), caller.origin())));
    }
}
