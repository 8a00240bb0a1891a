package io.ecledger.api.console;

import io.ecledger.api.console.text.ConsoleText;
import io.ecledger.api.retrieve.FlushService;
import io.ecledger.api.retrieve.RetrieveService;
import io.ecledger.ledger.command.Command;

/** The results buffer: {@code retrieve} and its scoped forms, live or {@code --at} a point, and {@code flush control cache}. */
public final class RetrieveHandlers implements Handlers.Group {

    private final RetrieveService retrieve;
    private final FlushService flush;

    public RetrieveHandlers(RetrieveService retrieve, FlushService flush) {
        this.retrieve = retrieve;
        this.flush = flush;
    }

    @Override
    public void addTo(Handlers.Builder handlers) {
        handlers.on(Command.Retrieve.class, (command, caller) ->
                retrieve.retrieve(command.target(), command.commandText(), command.at())
                        .map(ConsoleText::results)
                        .orElseGet(() -> ConsoleText.nothingToRetrieve(command.target(), command.commandText())));
        handlers.on(Command.FlushControlCache.class, (command, caller) ->
                ConsoleText.flushed(flush.flush(caller.actor(), caller.origin())));
    }
}
