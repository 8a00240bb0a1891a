package io.ecledger.api.console;

import io.ecledger.api.http.Refused;
import io.ecledger.ledger.command.Command;
import io.ecledger.ledger.command.CompletionData;
import io.ecledger.ledger.command.Grammar;
import io.ecledger.ledger.command.ParseResult;
import java.util.function.Supplier;

/**
 * Runs one console line: parses it and hands the command to its {@link Handler}. The one place console, REST and
 * control listener get their answers from.
 */
public final class ConsoleService {

    private final Grammar grammar;
    private final Handlers handlers;
    private final Supplier<CompletionData> completions;

    public ConsoleService(Grammar grammar, Handlers handlers, Supplier<CompletionData> completions) {
        this.grammar = grammar;
        this.handlers = handlers;
        this.completions = completions;
    }

    /** The answer to one line, or {@link Refused} with the reason when the line is not acted on. */
    public String execute(String line, Caller caller) {
        ParseResult parsed = grammar.parse(line);
        if (parsed instanceof ParseResult.Rejected) {
            throw new Refused("invalid-command", ((ParseResult.Rejected) parsed).message());
        }
        return execute(((ParseResult.Parsed) parsed).command(), caller);
    }

    /** The answer to one parsed command. */
    public String execute(Command command, Caller caller) {
        return handlers.answer(command, caller);
    }

    /** Live completion data for consoles. */
    public CompletionData completions() {
        return completions.get();
    }
}
