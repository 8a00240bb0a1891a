package io.ecledger.api.access;

import io.ecledger.ledger.command.Command;

/**
 * What the console service, {@code POST /v1/commands} and {@code POST /v1/replay} ask before they act: may this caller
 * run this command? Implemented by {@code api.policy.Gate}; an interface in this leaf package so that the features
 * that ask need not know the policy (no package cycle).
 */
@FunctionalInterface
public interface Admission {

    /** Returns when {@code caller} may run {@code command}; otherwise throws the refusal. {@code line} is what was sent. */
    void admit(Caller caller, Command command, String line);
}
