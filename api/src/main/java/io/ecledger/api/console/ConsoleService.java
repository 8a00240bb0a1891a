package io.ecledger.api.console;

import io.ecledger.api.access.Admission;
import io.ecledger.api.access.Caller;
import io.ecledger.api.http.Refused;
import io.ecledger.ledger.command.Command;
import io.ecledger.ledger.command.CompletionData;
import io.ecledger.ledger.command.Grammar;
import io.ecledger.ledger.command.ParseResult;
import java.util.function.Supplier;

/**
 * Runs one console line: parses it, lets the {@link Admission} (the policy's gate) admit it and hands the command to
 * its {@link Handler}. The one place console, REST and control listener get their answers from.
 */
public final class ConsoleService {

    private final Grammar grammar;
    private final Handlers handlers;
    private final Supplier<CompletionData> completions;
    private final Admission gate;

    public ConsoleService(Grammar grammar, Handlers handlers, Supplier<CompletionData> completions, Admission gate) {
        this.grammar = grammar;
        this.handlers = handlers;
        this.completions = completions;
        this.gate = gate;
    }

    /**
     * The answer to one line, or {@link Refused} with the reason when the line is not acted on (403 when the policy
     * does not allow it; the denial records the line as sent).
     */
    public String execute(String line, Caller caller) {
        return answer(line, caller).text();
    }

    /** As {@link #execute(String, Caller)}, with the command the line put on the ledger, for a page to follow. */
    public Answer answer(String line, Caller caller) {
        ParseResult parsed = grammar.parse(line);
        if (parsed instanceof ParseResult.Rejected) {
            throw new Refused("invalid-command", ((ParseResult.Rejected) parsed).message());
        }
        return run(((ParseResult.Parsed) parsed).command(), caller, line);
    }

    /** The answer to one parsed command (a REST request built it); a denial records the line the grammar writes. */
    public String execute(Command command, Caller caller) {
        return run(command, caller, grammar.line(command)).text();
    }

    private Answer run(Command command, Caller caller, String line) {
        gate.admit(caller, command, line);
        return handlers.answer(command, caller);
    }

    /** Live completion data for consoles. */
    public CompletionData completions() {
        return completions.get();
    }
}
