package io.ecledger.ledger.command;

/** Where an operator action entered the manager. */
public enum Origin {
    CONSOLE,
    REST,
    CONTROL_LISTENER,
    REPLAY,
    SYSTEM,
    /** Written by a newer version with an origin this one does not know. */
    UNKNOWN
}
