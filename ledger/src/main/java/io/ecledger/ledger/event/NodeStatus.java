package io.ecledger.ledger.event;

/** How a node disposed of a command. */
public enum NodeStatus {
    /** Ran it; the output is the console's answer. */
    OK,
    /** Ran it and it failed, or the executor could not run it. */
    ERROR,
    /** Refused to run it (not for this node, malformed, not allowed). */
    REJECTED,
    /** Saw it only after its deadline, so did not run it. */
    EXPIRED,
    /** Written by a newer version with a status this one does not know. */
    UNKNOWN
}
