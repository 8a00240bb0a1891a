package io.ecledger.api.console;

import io.ecledger.api.console.text.HistoryText;
import io.ecledger.api.history.HistoryService;
import io.ecledger.api.http.Refused;
import io.ecledger.ledger.command.Command;
import java.time.Clock;

/** {@code history [FILTERS]} and {@code history show OFFSET}. */
public final class HistoryHandlers implements Handlers.Group {

    private final HistoryService history;
    private final Clock clock;

    public HistoryHandlers(HistoryService history, Clock clock) {
        this.history = history;
        this.clock = clock;
    }

    @Override
    public void addTo(Handlers.Builder handlers) {
        handlers.on(Command.History.class, (command, caller) ->
                HistoryText.page(history.list(command.filter(), clock.instant())));
        handlers.on(Command.HistoryShow.class, (command, caller) ->
                history.show(command.offset(), clock.instant()).map(HistoryText::record).orElseThrow(() ->
                        new Refused("unknown-offset", "history show: no command, flush or config change at ledger offset "
                                + command.offset())));
    }
}
