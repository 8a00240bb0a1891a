package io.ecledger.api.access;

import io.ecledger.ledger.command.Command;

/**
 * What {@link ConsoleService} asks before a handler runs: may this caller run this command? Implemented by
 * {@code api.access.Gate}; an interface here so that api.access, which knows {@link Caller}, is not also known by
 * api.console (no package cycle).
 */
@FunctionalInterface
public interface Admission {

    /** Returns when {@code caller} may run {@code command}; otherwise throws the refusal. {@code line} is what was sent. */
    void admit(Caller caller, Command command, String line);
}
