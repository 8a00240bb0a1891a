package io.ecledger.api.console;

import io.ecledger.api.http.Refused;
import io.ecledger.ledger.command.Command;
import io.ecledger.ledger.command.Grammar;

/** {@code help [TOPIC]}: the grammar's own help lines. */
public final class HelpHandler implements Handlers.Group {

    private final Grammar grammar;

    public HelpHandler(Grammar grammar) {
        this.grammar = grammar;
    }

    @Override
    public void addTo(Handlers.Builder handlers) {
        handlers.on(Command.Help.class, (help, caller) -> {
            if (help.topic().isEmpty()) {
                return grammar.helpText();
            }
            String text = grammar.helpText(help.topic().get());
            if (text.isEmpty()) {
                throw new Refused("unknown-command", "help: no command starts with '" + help.topic().get() + "'");
            }
            return text;
        });
    }
}
