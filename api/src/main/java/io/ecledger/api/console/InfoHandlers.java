package io.ecledger.api.console;

import io.ecledger.api.console.text.ConsoleText;
import io.ecledger.api.info.InfoService;
import io.ecledger.ledger.command.Command;

/** About this manager: {@code info}, {@code version}, and {@code shutdown}. */
public final class InfoHandlers implements Handlers.Group {

    private final InfoService info;
    private final Runnable shutdown;

    public InfoHandlers(InfoService info, Runnable shutdown) {
        this.info = info;
        this.shutdown = shutdown;
    }

    @Override
    public void addTo(Handlers.Builder handlers) {
        handlers.on(Command.Info.class, (command, caller) -> ConsoleText.info(info.info()));
        handlers.on(Command.Version.class, (command, caller) -> ConsoleText.version());
        handlers.on(Command.Shutdown.class, (command, caller) -> {
            shutdown.run();
            return ConsoleText.shuttingDown();
        });
    }
}
