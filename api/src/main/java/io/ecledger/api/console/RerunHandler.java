package io.ecledger.api.console;

import io.ecledger.api.command.CommandRerun;
import io.ecledger.api.console.text.ConsoleText;
import io.ecledger.ledger.command.Command;

/** {@code rerun}: the preview of the nodes chosen, then the new command, unless it is a dry run. */
public final class RerunHandler implements Handlers.Group {

    private final CommandRerun rerun;

    public RerunHandler(CommandRerun rerun) {
        this.rerun = rerun;
    }

    @Override
    public void addTo(Handlers.Builder handlers) {
        handlers.on(Command.Rerun.class, (request, caller) -> ConsoleText.rerun(rerun.rerun(request, caller)));
    }
}
