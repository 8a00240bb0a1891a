package io.ecledger.ledger.command;

/** A console line that is not a valid command: why, and the character index of the word parsing stopped at. */
public final class CommandRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int position;

    public CommandRejectedException(String message, int position) {
        super(message);
        if (position < 0) {
            throw new IllegalArgumentException("position must be >= 0, got " + position);
        }
        this.position = position;
    }

    /** The 0-based character index in the line where parsing stopped. */
    public int position() {
        return position;
    }
}
