package io.ecledger.ledger.command;

/** A word of a console line and where it starts; {@code quoted} when any part of it was in double quotes. */
record Word(String text, int start, boolean quoted) {

    /** An {@code =} typed as the separator of {@code config set}, not a quoted value. */
    boolean isBareEquals() {
        return !quoted && text.equals("=");
    }
}
