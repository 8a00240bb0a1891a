package io.ecledger.ledger.command;

import java.util.Objects;

/** What {@link Grammar#parse(String)} made of a line: a command, or the reason it was refused. */
public sealed interface ParseResult permits ParseResult.Parsed, ParseResult.Rejected {

    /** The command, or throws {@link CommandRejectedException} carrying the refusal. */
    Command orThrow();

    /** The line is a valid command. */
    record Parsed(Command command) implements ParseResult {
        public Parsed {
            Objects.requireNonNull(command, "command");
        }

        @Override
        public Command orThrow() {
            return command;
        }
    }

    /** The line was refused: {@code message} names the command and what was expected; {@code position} is where parsing stopped. */
    record Rejected(String message, int position) implements ParseResult {
        public Rejected {
            Objects.requireNonNull(message, "message");
            if (position < 0) {
                throw new IllegalArgumentException("position must be >= 0, got " + position);
            }
        }

        @Override
        public Command orThrow() {
            throw new CommandRejectedException(message, position);
        }
    }
}
