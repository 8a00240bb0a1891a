package io.ecledger.api.console;

import io.ecledger.api.console.text.ReplayText;
import io.ecledger.api.replay.ReplayService;
import io.ecledger.ledger.command.Command;

/** {@code replay FROM[..TO] [to TARGET] [--dry-run]}. */
public final class ReplayHandler implements Handlers.Group {

    private final ReplayService replay;

    public ReplayHandler(ReplayService replay) {
        this.replay = replay;
    }

    @Override
    public void addTo(Handlers.Builder handlers) {
        handlers.on(Command.Replay.class, (command, caller) -> ReplayText.replayed(replay.replay(command, caller.actor())));
    }
}
