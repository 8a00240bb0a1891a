package io.ecledger.api.console;

import io.ecledger.api.access.Caller;
import io.ecledger.ledger.command.Command;

/** Answers one type of console command with the text the console prints, or {@code Refused}. */
@FunctionalInterface
public interface Handler<C extends Command> {

    String answer(C command, Caller caller);
}
