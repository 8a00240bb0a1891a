package io.ecledger.api.console;

import io.ecledger.api.command.Issued;
import java.util.Optional;

/** What the console prints for a line, and the command the line put on the ledger when it put one there. */
public record Answer(String text, Optional<Issued> issued) {

    /** An answer that issued nothing. */
    public static Answer text(String text) {
        return new Answer(text, Optional.empty());
    }
}
